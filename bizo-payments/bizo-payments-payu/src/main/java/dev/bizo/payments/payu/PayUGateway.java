package dev.bizo.payments.payu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bizo.core.Money;
import dev.bizo.core.ValidationException;
import dev.bizo.payments.payu.internal.FormBody;
import dev.bizo.payments.payu.internal.PayUAmounts;
import dev.bizo.payments.payu.internal.PayUHashes;
import dev.bizo.payments.spi.CaptureRequest;
import dev.bizo.payments.spi.GatewayBuilder;
import dev.bizo.payments.spi.GatewayCapabilities;
import dev.bizo.payments.spi.GatewayCredentials;
import dev.bizo.payments.spi.GatewayOperation;
import dev.bizo.payments.spi.GatewayHttpClient;
import dev.bizo.payments.spi.GatewayResult;
import dev.bizo.payments.spi.GatewaySettings;
import dev.bizo.payments.spi.GatewayUnreachableException;
import dev.bizo.payments.spi.IdempotencyKey;
import dev.bizo.payments.spi.PaymentGateway;
import dev.bizo.payments.spi.PaymentMethod;
import dev.bizo.payments.spi.PaymentRequest;
import dev.bizo.payments.spi.RefundRequest;
import dev.bizo.payments.spi.StatusRequest;
import dev.bizo.payments.spi.VoidRequest;
import dev.bizo.payments.spi.WebhookEvent;
import dev.bizo.payments.spi.WebhookEventType;
import dev.bizo.payments.spi.WebhookRejectedException;
import dev.bizo.payments.spi.WebhookRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PayU India as a {@link PaymentGateway}: hosted checkout, callbacks checked by PayU's reverse hash, status
 * through {@code verify_payment}, refunds through {@code cancel_refund_transaction}. PayU has no Java SDK; this
 * speaks its documented form API with {@code java.net.http} and reads the JSON answers ({@code form=2}) with
 * Jackson.
 *
 * <h2>Flow</h2>
 * <ol>
 *   <li>{@link #purchase} with the token {@link #HOSTED_CHECKOUT} derives the PayU {@code txnid} from the
 *       idempotency key and asks PayU ({@code verify_payment}) what became of it. Unknown to PayU: PENDING
 *       with a {@link HostedCheckoutForm} (the {@code _payment} form, request hash included) as the redirect
 *       next action, reference = the {@code txnid}. Already paid, failed or in progress: that outcome. So a
 *       retried purchase never hands out a second form for a paid order, and the same key always gives the
 *       same answer.</li>
 *   <li>PayU posts the result to {@code surl}/{@code furl} and, if configured, as a server-to-server callback;
 *       {@link #verifyAndParseWebhook} checks its reverse hash and reports it.</li>
 *   <li>{@link #fetchStatus} asks {@code verify_payment} again; {@link #refund} refunds all or part.</li>
 * </ol>
 *
 * <h2>Idempotency: how the key reaches PayU</h2>
 * <ul>
 *   <li><b>Payments</b>: as the {@code txnid}, which PayU refuses to take twice once paid. PayU allows 25
 *       characters, so the txnid is {@code bz} and 23 hex digits of the key's SHA-256 ({@link #txnid}).</li>
 *   <li><b>Refunds</b>: as the refund token ({@code var2}), which PayU requires unique per refund; 23
 *       characters: {@code bzr} and 20 hex digits ({@link #refundToken}). A refund PayU refuses is checked
 *       against {@code check_action_status}: if a refund with this token exists, its state is the answer.</li>
 * </ul>
 *
 * <h2>Capabilities, as PayU's hosted checkout works</h2>
 * Purchase only: PayU captures at payment (pre-authorization needs a separately enabled card-only product),
 * so no manual or partial capture and no void. Full and partial refunds. Redirects: every payment goes through
 * the hosted page. INR only: PayU India settles rupees (its multi-currency pricing is a separate product).
 *
 * <h2>Outcomes</h2>
 * A failed payment is DECLINED with PayU's {@code error_code} (else its {@code unmappedstatus}); a refused
 * refund DECLINED with PayU's error code. A read timeout, an HTTP 5xx or 429, a reset after sending, or an
 * unreadable answer is UNKNOWN; a refused connection throws {@link GatewayUnreachableException}. PayU queues
 * refunds and completes them offline: an accepted refund ({@code status 1}) is SUCCESS; {@code fetchStatus}
 * of a refund reads {@code check_action_status}.
 *
 * <h2>Credentials</h2>
 * {@value #MERCHANT_KEY} (public, it is on the checkout form) and {@value #SALT} (secret; signs every hash
 * and is never sent or logged).
 *
 * <h2>Checkout fields from the request</h2>
 * {@code productinfo} is the description (else the merchant reference, else {@code "Payment"});
 * {@code surl} and {@code furl} are the return URL, which is required; metadata {@code firstname},
 * {@code email}, {@code phone} and {@code udf1}…{@code udf5} are passed as PayU names them
 * ({@code firstname} defaults to {@code "Customer"}).
 */
public final class PayUGateway implements PaymentGateway {

  /** The gateway id. */
  public static final String ID = "payu";

  /** Credential name of the merchant key. */
  public static final String MERCHANT_KEY = "merchant_key";

  /** Credential name of the merchant salt, which signs every hash. */
  public static final String SALT = "salt";

  /** The payment-method token that asks for PayU's hosted checkout, the one way this module takes payments. */
  public static final String HOSTED_CHECKOUT = "payu_hosted_checkout";

  /** PayU's production checkout host, where the {@code _payment} form is posted. */
  public static final URI DEFAULT_CHECKOUT_BASE = URI.create("https://secure.payu.in");

  /** PayU's production API host, serving the merchant postservice. */
  public static final URI DEFAULT_API_BASE = URI.create("https://info.payu.in");

  /** The postservice path, with {@code form=2} for JSON answers. */
  public static final String POSTSERVICE_PATH = "/merchant/postservice.php?form=2";

  /** The hosted-checkout path. */
  public static final String CHECKOUT_PATH = "/_payment";

  private static final int MAX_PRODUCTINFO = 100;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = LoggerFactory.getLogger(PayUGateway.class);
  private static final ZoneId PAYU_TIME = ZoneId.of("Asia/Kolkata");
  private static final DateTimeFormatter ADDED_ON = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final URI checkoutBase;
  private final Clock clock;
  private final GatewayHttpClient http;
  private final GatewayCapabilities capabilities = declaredCapabilities();

  /**
   * Production: secure.payu.in for checkout, info.payu.in for the API, 30 s connect and read timeouts; used by
   * {@link java.util.ServiceLoader}.
   */
  public PayUGateway() {
    this(builder());
  }

  private PayUGateway(Builder b) {
    GatewaySettings settings = b.settings();
    this.checkoutBase = b.checkoutBase;
    this.clock = settings.clock();
    // 429: rate limited, the request may or may not have been processed
    this.http = new GatewayHttpClient(ID, "PayU", settings).unknownAlsoOn(429);
  }

  /**
   * Starts a gateway with production defaults, to point at other hosts (PayU's test hosts
   * {@code https://test.payu.in}, or a stub) or tune timeouts.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** What this gateway declares: purchase with redirects, full and partial refunds, INR. */
  public static GatewayCapabilities declaredCapabilities() {
    return GatewayCapabilities.builder()
        .partialRefund(true).redirects(true)
        .currencies("INR")
        .build();
  }

  /** The PayU {@code txnid} for an idempotency key: {@code bz} and 23 hex digits of its SHA-256, 25 characters. */
  public static String txnid(IdempotencyKey key) {
    return "bz" + PayUHashes.sha256(key.value()).substring(0, 23);
  }

  /** The refund token for an idempotency key: {@code bzr} and 20 hex digits of its SHA-256, 23 characters. */
  public static String refundToken(IdempotencyKey key) {
    return "bzr" + PayUHashes.sha256(key.value()).substring(0, 20);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String displayName() {
    return "PayU";
  }

  @Override
  public GatewayCapabilities capabilities() {
    return capabilities;
  }

  @Override
  public GatewayResult authorize(PaymentRequest request) {
    capabilities.requireManualCapture();
    throw new IllegalStateException("unreachable: manual capture is declared unsupported");
  }

  @Override
  public GatewayResult purchase(PaymentRequest request) {
    capabilities.requireAcceptable("amount", request.amount());
    requireHostedCheckout(request.paymentMethod());
    String txnid = txnid(request.idempotencyKey());
    HostedCheckoutForm form = checkoutForm(request, txnid);
    Lookup lookup = verifyPayment(GatewayOperation.PURCHASE, txnid, request.credentials());
    if (lookup.failure != null) {
      return lookup.failure;
    }
    if (lookup.transaction == null) {
      return GatewayResult.pending(txnid, form.toNextAction());
    }
    return paymentResult(txnid, lookup.transaction, request.amount());
  }

  @Override
  public GatewayResult capture(CaptureRequest request) {
    capabilities.requireCapture(request.amount(), request.authorizedAmount());
    throw new IllegalStateException("unreachable: manual capture is declared unsupported");
  }

  @Override
  public GatewayResult voidAuthorization(VoidRequest request) {
    capabilities.requireVoid();
    throw new IllegalStateException("unreachable: void is declared unsupported");
  }

  @Override
  public GatewayResult refund(RefundRequest request) {
    capabilities.requireRefund(request.amount(), request.capturedAmount());
    String txnid = request.gatewayReference();
    GatewayCredentials credentials = request.credentials();
    Lookup lookup = verifyPayment(GatewayOperation.REFUND, txnid, credentials);
    if (lookup.failure != null) {
      // Only the lookup went out; the refund itself was never sent, so nothing moved and a retry is safe.
      throw new GatewayUnreachableException(ID, "the payment lookup before the refund failed, no refund was sent: "
          + lookup.failure.message().orElse(lookup.failure.outcome().name()), null);
    }
    if (lookup.transaction == null) {
      return GatewayResult.declined(null, "payu_transaction_not_found", "PayU knows no payment " + txnid);
    }
    String status = lookup.transaction.path("status").asText("");
    String mihpayid = lookup.transaction.path("mihpayid").asText("");
    if (!status.equalsIgnoreCase("success") || mihpayid.isBlank()) {
      return GatewayResult.declined(null, "payu_not_captured", "PayU reports the payment as '" + status + "'");
    }
    String token = refundToken(request.idempotencyKey());
    Map<String, String> more = new LinkedHashMap<>();
    more.put("var2", token);
    more.put("var3", PayUAmounts.toPayU(request.amount()));
    Answer answer = post(GatewayOperation.REFUND, "cancel_refund_transaction", mihpayid, more, credentials, null);
    if (answer.failure != null) {
      return answer.failure;
    }
    JsonNode json = answer.json;
    if (json.path("status").asInt(-1) == 1) {
      String requestId = json.path("request_id").asText("");
      return GatewayResult.success(requestId.isBlank() ? token : requestId, request.amount());
    }
    // Refused: if a refund with our token exists (a retry of one that went through), its state is the answer.
    Optional<GatewayResult> earlier = refundByToken(mihpayid, token, credentials);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    return GatewayResult.declined(null, errorCode(json, "payu_refund_refused"), json.path("msg").asText("refused"));
  }

  @Override
  public GatewayResult fetchStatus(StatusRequest request) {
    GatewayOperation operation = request.operation();
    GatewayCredentials credentials = request.credentials();
    if (operation == GatewayOperation.REFUND) {
      return refundStatus(request);
    }
    if (operation != GatewayOperation.PURCHASE && operation != GatewayOperation.AUTHORIZE) {
      return GatewayResult.unknown(request.gatewayReference().orElse(null),
          "the PayU module never sends a " + operation);
    }
    String txnid = request.gatewayReference().orElse(txnid(request.idempotencyKey()));
    Lookup lookup = verifyPayment(operation, txnid, credentials);
    if (lookup.failure != null) {
      return lookup.failure;
    }
    if (lookup.transaction == null) {
      return GatewayResult.pending(txnid, null);
    }
    return paymentResult(txnid, lookup.transaction, request.amount());
  }

  /**
   * Verifies a response or callback PayU posted ({@code application/x-www-form-urlencoded}) by its reverse
   * hash, recomputed with the tenant's salt and compared in constant time; the {@code key} in it must be the
   * tenant's merchant key. PayU signs field values, not bytes, and no timestamp: replays are stopped by the
   * event id and the state machine.
   *
   * <p>The event id is PayU's {@code mihpayid}, suffixed with {@code :status} for anything but success, so a
   * redelivered callback repeats it. {@code mihpayid} is not covered by PayU's hash: a forged one can at most
   * repeat a signed outcome, which the state machine ignores. The reference is the {@code txnid}.
   */
  @Override
  public WebhookEvent verifyAndParseWebhook(WebhookRequest request) {
    Map<String, String> fields = FormBody.parse(request.bodyAsUtf8())
        .orElseThrow(() -> WebhookRejectedException.malformed("not a form body, or a field occurs twice"));
    String hash = fields.getOrDefault("hash", "");
    if (hash.isBlank()) {
      throw WebhookRejectedException.signatureMissing("hash");
    }
    GatewayCredentials credentials = request.credentials();
    String expected = PayUHashes.reverse(fields, credentials.require(SALT));
    boolean sameKey = credentials.require(MERCHANT_KEY).equals(fields.getOrDefault("key", ""));
    if (!PayUHashes.matches(expected, hash) || !sameKey) {
      throw WebhookRejectedException.signatureInvalid();
    }
    String mihpayid = fields.getOrDefault("mihpayid", "");
    String txnid = fields.getOrDefault("txnid", "");
    String status = fields.getOrDefault("status", "").toLowerCase(Locale.ROOT);
    if (mihpayid.isBlank() || txnid.isBlank() || status.isBlank()) {
      throw WebhookRejectedException.malformed("a PayU callback has mihpayid, txnid and status");
    }
    Money amount;
    try {
      amount = PayUAmounts.fromPayU(fields.getOrDefault("amount", ""));
    } catch (NumberFormatException | ArithmeticException e) {
      throw WebhookRejectedException.malformed("the amount is not a rupee amount");
    }
    WebhookEventType type = switch (status) {
      case "success" -> WebhookEventType.PAYMENT_CAPTURED;
      case "failure", "failed" -> WebhookEventType.PAYMENT_FAILED;
      default -> WebhookEventType.OTHER;
    };
    String eventId = status.equals("success") ? mihpayid : mihpayid + ":" + status;
    return new WebhookEvent(eventId, type, status, Optional.of(txnid), Optional.of(amount),
        addedOn(fields.getOrDefault("addedon", "")));
  }

  // ---------------------------------------------------------------- operations

  private static void requireHostedCheckout(PaymentMethod method) {
    if (!method.token().equals(HOSTED_CHECKOUT)) {
      throw ValidationException.ofField("paymentMethod", "unsupported_token",
          "PayU payments go through its hosted checkout: pay with " + HOSTED_CHECKOUT);
    }
  }

  private HostedCheckoutForm checkoutForm(PaymentRequest request, String txnid) {
    URI returnUrl = request.returnUrl().orElseThrow(() -> ValidationException.ofField("returnUrl", "required",
        "PayU's hosted checkout sends the customer back to a return URL (surl and furl)"));
    String productinfo = request.description().or(request::merchantReference).orElse("Payment");
    if (productinfo.length() > MAX_PRODUCTINFO) {
      throw ValidationException.ofField("description", "too_long",
          "PayU takes a product description of at most " + MAX_PRODUCTINFO + " characters");
    }
    Map<String, String> metadata = request.metadata();
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("key", request.credentials().require(MERCHANT_KEY));
    fields.put("txnid", txnid);
    fields.put("amount", PayUAmounts.toPayU(request.amount()));
    fields.put("productinfo", productinfo);
    fields.put("firstname", metadata.getOrDefault("firstname", "Customer"));
    fields.put("email", metadata.getOrDefault("email", ""));
    if (metadata.containsKey("phone")) {
      fields.put("phone", metadata.get("phone"));
    }
    fields.put("surl", returnUrl.toString());
    fields.put("furl", returnUrl.toString());
    for (int i = 1; i <= 5; i++) {
      String udf = metadata.get("udf" + i);
      if (udf != null) {
        fields.put("udf" + i, udf);
      }
    }
    fields.put("hash", PayUHashes.request(fields, request.credentials().require(SALT)));
    return new HostedCheckoutForm(checkoutBase.resolve(CHECKOUT_PATH), fields);
  }

  private GatewayResult refundStatus(StatusRequest request) {
    GatewayCredentials credentials = request.credentials();
    Optional<String> reference = request.gatewayReference();
    if (reference.isEmpty()) {
      return GatewayResult.unknown(null, "a PayU refund is found through its payment's txnid or its request id");
    }
    String ref = reference.get();
    if (ref.chars().allMatch(Character::isDigit)) {
      Answer answer = post(GatewayOperation.REFUND, "check_action_status", ref, Map.of(), credentials, ref);
      if (answer.failure != null) {
        return answer.failure;
      }
      JsonNode entry = answer.json.path("transaction_details").path(ref).path(ref);
      return entry.isObject() ? refundEntryResult(entry)
          : GatewayResult.unknown(ref, "PayU has no action status for request " + ref + " yet");
    }
    Lookup lookup = verifyPayment(GatewayOperation.REFUND, ref, credentials);
    if (lookup.failure != null) {
      return GatewayResult.unknown(null, lookup.failure.message().orElse("payment lookup failed"));
    }
    String mihpayid = lookup.transaction == null ? "" : lookup.transaction.path("mihpayid").asText("");
    if (mihpayid.isBlank()) {
      return GatewayResult.declined(null, "payu_refund_not_found", "PayU knows no payment " + ref + " to refund");
    }
    return refundByToken(mihpayid, refundToken(request.idempotencyKey()), credentials)
        .orElseGet(() -> GatewayResult.declined(null, "payu_refund_not_found",
            "PayU registered no refund with this key's token"));
  }

  /** The refund with {@code token} among the actions on a PayU payment, if PayU has one. */
  private Optional<GatewayResult> refundByToken(String mihpayid, String token, GatewayCredentials credentials) {
    Answer answer = post(GatewayOperation.REFUND, "check_action_status", mihpayid, Map.of("var2", "payuid"),
        credentials, null);
    if (answer.failure != null) {
      return Optional.empty();
    }
    JsonNode actions = answer.json.path("transaction_details").path(mihpayid);
    for (Iterator<JsonNode> it = actions.elements(); it.hasNext(); ) {
      JsonNode action = it.next();
      if (action.isObject() && token.equals(action.path("token").asText(""))) {
        return Optional.of(refundEntryResult(action));
      }
    }
    return Optional.empty();
  }

  private static GatewayResult refundEntryResult(JsonNode action) {
    String requestId = action.path("request_id").asText("");
    String status = action.path("status").asText("").toLowerCase(Locale.ROOT);
    String reference = requestId.isBlank() ? null : requestId;
    switch (status) {
      case "success", "queued", "in progress", "requested", "pending", "od_hit" -> {
        try {
          return GatewayResult.success(reference, PayUAmounts.fromPayU(action.path("amt").asText("")));
        } catch (NumberFormatException | ArithmeticException e) {
          return GatewayResult.unknown(reference, "PayU reported the refund without a readable amount");
        }
      }
      case "failure", "failed" -> {
        return GatewayResult.declined(reference, "payu_refund_failed", "PayU reports the refund failed");
      }
      default -> {
        return GatewayResult.unknown(reference, "unexpected PayU refund status '" + status + "'");
      }
    }
  }

  // ---------------------------------------------------------------- results

  private static GatewayResult paymentResult(String txnid, JsonNode transaction, Money expected) {
    String status = transaction.path("status").asText("").toLowerCase(Locale.ROOT);
    switch (status) {
      case "success" -> {
        Money actual;
        try {
          actual = PayUAmounts.fromPayU(transaction.path("amt").asText(transaction.path("transaction_amount").asText("")));
        } catch (NumberFormatException | ArithmeticException e) {
          return GatewayResult.unknown(txnid, "PayU reported the payment without a readable amount");
        }
        if (!actual.equals(expected)) {
          return GatewayResult.declined(txnid, "amount_mismatch", "PayU holds " + actual + ", not " + expected);
        }
        return GatewayResult.success(txnid, actual);
      }
      case "failure", "failed" -> {
        return GatewayResult.declined(txnid, errorCode(transaction, transaction.path("unmappedstatus").asText("failure")),
            transaction.path("error_Message").asText(transaction.path("field9").asText("payment failed")));
      }
      case "pending", "in progress" -> {
        return GatewayResult.pending(txnid, null);
      }
      default -> {
        return GatewayResult.unknown(txnid, "unexpected PayU status '" + status + "'");
      }
    }
  }

  private static String errorCode(JsonNode node, String fallback) {
    String code = node.path("error_code").asText("");
    return code.isBlank() || code.equals("E000") ? fallback : code;
  }

  private Instant addedOn(String addedon) {
    if (!addedon.isBlank()) {
      try {
        return LocalDateTime.parse(addedon.trim(), ADDED_ON).atZone(PAYU_TIME).toInstant();
      } catch (DateTimeParseException e) {
        LOG.debug("payu callback addedon '{}' unreadable, using the clock", addedon);
      }
    }
    return clock.instant();
  }

  // ---------------------------------------------------------------- transport

  /** {@code verify_payment} for one txnid: its transaction, or none when PayU has none, or a failure. */
  private Lookup verifyPayment(GatewayOperation operation, String txnid, GatewayCredentials credentials) {
    Answer answer = post(operation, "verify_payment", txnid, Map.of(), credentials, txnid);
    if (answer.failure != null) {
      return new Lookup(null, answer.failure);
    }
    JsonNode transaction = answer.json.path("transaction_details").path(txnid);
    if (transaction.isObject()) {
      String status = transaction.path("status").asText("");
      return status.equalsIgnoreCase("not found") ? new Lookup(null, null) : new Lookup(transaction, null);
    }
    return new Lookup(null, GatewayResult.unknown(txnid,
        "PayU verify_payment answered without the transaction: " + answer.json.path("msg").asText("")));
  }

  private Answer post(GatewayOperation operation, String command, String var1, Map<String, String> more,
      GatewayCredentials credentials, String knownReference) {
    String key = credentials.require(MERCHANT_KEY);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("key", key);
    fields.put("command", command);
    fields.put("var1", var1);
    fields.putAll(more);
    fields.put("hash", PayUHashes.command(key, command, var1, credentials.require(SALT)));
    HttpRequest request = http.request(POSTSERVICE_PATH)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(FormBody.encode(fields), StandardCharsets.UTF_8))
        .build();
    Answer answer = exchange(request, knownReference);
    LOG.debug("payu {} {} var1={} -> {}", operation, command, var1,
        answer.failure == null ? "status " + answer.json.path("status").asText("?") : answer.failure.outcome());
    return answer;
  }

  private Answer exchange(HttpRequest request, String knownReference) {
    return http.exchange(request, knownReference, response -> read(response, knownReference),
        unknown -> new Answer(null, unknown));
  }

  private static Answer read(HttpResponse<String> response, String knownReference) {
    int status = response.statusCode();
    if (status >= 400) {
      return new Answer(null, GatewayResult.declined(knownReference, "http_" + status, "PayU refused the request"));
    }
    try {
      JsonNode json = JSON.readTree(response.body());
      if (json != null && json.isObject()) {
        return new Answer(json, null);
      }
    } catch (IOException e) {
      LOG.debug("payu answer unreadable: {}", e.getClass().getSimpleName());
    }
    return new Answer(null, GatewayResult.unknown(knownReference, "unreadable PayU answer, HTTP " + status));
  }

  /** A postservice answer: its JSON, or the result that ends the operation. */
  private record Answer(JsonNode json, GatewayResult failure) {}

  /** A {@code verify_payment} lookup: the transaction, or neither (PayU has none), or the failure. */
  private record Lookup(JsonNode transaction, GatewayResult failure) {}

  /**
   * Where and how a {@link PayUGateway} talks to PayU: the {@link GatewayBuilder} settings, whose API base is the
   * postservice host (without {@value #POSTSERVICE_PATH}, default {@link #DEFAULT_API_BASE}) and whose clock gives
   * the time of a callback without {@code addedon}, 30 s connect and read timeouts by default, and the checkout
   * host.
   */
  public static final class Builder extends GatewayBuilder<Builder, PayUGateway> {

    private URI checkoutBase = DEFAULT_CHECKOUT_BASE;

    private Builder() {
      super(DEFAULT_API_BASE, Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    /** Where the checkout form is posted, without {@value #CHECKOUT_PATH}; default {@link #DEFAULT_CHECKOUT_BASE}. */
    public Builder checkoutBase(URI value) {
      this.checkoutBase = Objects.requireNonNull(value, "checkoutBase");
      return this;
    }

    @Override
    public PayUGateway build() {
      return new PayUGateway(this);
    }
  }
}
