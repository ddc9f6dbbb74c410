package dev.bizo.payments.razorpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bizo.core.ConfigurationException;
import dev.bizo.core.Money;
import dev.bizo.core.ValidationException;
import dev.bizo.payments.razorpay.internal.RazorpayAmounts;
import dev.bizo.payments.razorpay.internal.RazorpayWebhookParser;
import dev.bizo.payments.spi.CaptureRequest;
import dev.bizo.payments.spi.GatewayBuilder;
import dev.bizo.payments.spi.GatewayCapabilities;
import dev.bizo.payments.spi.GatewayCredentials;
import dev.bizo.payments.spi.GatewayOperation;
import dev.bizo.payments.spi.GatewayHttpClient;
import dev.bizo.payments.spi.GatewayResult;
import dev.bizo.payments.spi.GatewaySettings;
import dev.bizo.payments.spi.HmacSignature;
import dev.bizo.payments.spi.IdempotencyKey;
import dev.bizo.payments.spi.NextAction;
import dev.bizo.payments.spi.PaymentGateway;
import dev.bizo.payments.spi.PaymentRequest;
import dev.bizo.payments.spi.RefundRequest;
import dev.bizo.payments.spi.StatusRequest;
import dev.bizo.payments.spi.VoidRequest;
import dev.bizo.payments.spi.WebhookEvent;
import dev.bizo.payments.spi.WebhookRejectedException;
import dev.bizo.payments.spi.WebhookRequest;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Razorpay as a {@link PaymentGateway}, over Razorpay's documented REST API with {@code java.net.http} and
 * Jackson.
 *
 * <p><b>Why not razorpay-java.</b> Its 1.4.x client sends every call through one static OkHttp client with
 * the host fixed to {@code https://api.razorpay.com}, fixed timeouts and process-wide extra headers: it can
 * neither be pointed at a stub nor given per-call timeouts, and its shared headers would mix tenants.
 *
 * <h2>Flow</h2>
 * <ol>
 *   <li>With the token {@link #CHECKOUT}, {@link #authorize} and {@link #purchase} create an Order and
 *       return PENDING with the order id as a {@link NextAction.Type#CLIENT_SECRET client secret} for
 *       Razorpay Checkout.</li>
 *   <li>Checkout hands the client {@code razorpay_order_id}, {@code razorpay_payment_id} and
 *       {@code razorpay_signature}; pay with {@link CheckoutPayment#toPaymentMethod()} (or a bare
 *       {@code pay_…} id checked elsewhere). The signature is verified before anything is sent.</li>
 *   <li>{@link #authorize} then confirms the payment is {@code authorized} for exactly the amount;
 *       {@link #purchase} and {@link #capture} capture it; {@link #refund} refunds all or part.</li>
 * </ol>
 *
 * <h2>Idempotency: how the key reaches Razorpay</h2>
 * <ul>
 *   <li><b>Orders</b>: as {@code receipt} with {@code unique_receipt: true}, so a retried create returns the
 *       same order (a key longer than Razorpay's 40-character receipt is replaced by a digest of it), and in
 *       full in {@code notes.bizo_idempotency_key}.</li>
 *   <li><b>Refunds</b>: the {@code X-Refund-Idempotency} header (a key outside its
 *       {@code [A-Za-z0-9_-]{10,}} alphabet is replaced by a digest of it).</li>
 *   <li><b>Captures</b>: Razorpay has no key; it captures a payment at most once and refuses a second
 *       capture. A retried capture that Razorpay refuses as already captured is answered SUCCESS after
 *       reading the payment back. The key travels in {@code X-Bizo-Idempotency-Key} for support traces only.</li>
 * </ul>
 *
 * <h2>Capabilities</h2>
 * Manual capture yes; partial capture no (Razorpay captures the authorized amount); void no (Razorpay
 * releases uncaptured payments itself); partial refunds yes. Three-decimal currencies (KWD, BHD, OMR) are
 * refused: Razorpay wants their last digit to be 0, which the SPI cannot declare yet.
 *
 * <h2>Credentials</h2>
 * {@value #KEY_ID}, {@value #KEY_SECRET} and {@value #WEBHOOK_SECRET}.
 */
public final class RazorpayGateway implements PaymentGateway {

  /** The gateway id. */
  public static final String ID = "razorpay";

  /** Credential name of the API key id ({@code rzp_live_…}). */
  public static final String KEY_ID = "key_id";

  /** Credential name of the API key secret; also signs Checkout's payment signature. */
  public static final String KEY_SECRET = "key_secret";

  /** Credential name of the webhook secret set in the Razorpay dashboard. */
  public static final String WEBHOOK_SECRET = "webhook_secret";

  /** The payment-method token that asks for a new Order, to be paid through Razorpay Checkout. */
  public static final String CHECKOUT = "razorpay_checkout";

  /** Razorpay's production API base. */
  public static final URI DEFAULT_API_BASE = URI.create("https://api.razorpay.com");

  /** Razorpay's refund idempotency header. */
  public static final String REFUND_IDEMPOTENCY_HEADER = "X-Refund-Idempotency";

  /** Carries the platform's key on every call for support traces; Razorpay does not act on it. */
  public static final String TRACE_HEADER = "X-Bizo-Idempotency-Key";

  private static final Pattern REFUND_KEY = Pattern.compile("[A-Za-z0-9_-]{10,}");
  private static final int MAX_RECEIPT = 40;
  private static final List<String> CURRENCIES =
      List.of("INR", "USD", "EUR", "GBP", "SGD", "AED", "AUD", "CAD", "MYR", "JPY");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = LoggerFactory.getLogger(RazorpayGateway.class);

  private final GatewayHttpClient http;
  private final GatewayCapabilities capabilities = declaredCapabilities();

  /** Production defaults: api.razorpay.com and 30 s connect and read timeouts; used by {@link java.util.ServiceLoader}. */
  public RazorpayGateway() {
    this(builder().settings());
  }

  private RazorpayGateway(GatewaySettings settings) {
    // 409 (a conflicting request in flight) and 429 (rate limited) may or may not have been processed
    this.http = new GatewayHttpClient(ID, "Razorpay", settings).unknownAlsoOn(409, 429);
  }

  /** Starts a gateway with production defaults, to point elsewhere (a stub in tests) or tune timeouts. */
  public static Builder builder() {
    return new Builder();
  }

  /** What this gateway declares. */
  public static GatewayCapabilities declaredCapabilities() {
    return GatewayCapabilities.builder()
        .manualCapture(true).partialRefund(true).redirects(true)
        .currencies(CURRENCIES.toArray(String[]::new))
        .build();
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String displayName() {
    return "Razorpay";
  }

  @Override
  public GatewayCapabilities capabilities() {
    return capabilities;
  }

  @Override
  public GatewayResult authorize(PaymentRequest request) {
    capabilities.requireManualCapture();
    capabilities.requireAcceptable("amount", request.amount());
    if (request.paymentMethod().token().equals(CHECKOUT)) {
      return createOrder(request);
    }
    String paymentId = paymentId(request);
    return send(GatewayOperation.AUTHORIZE, "GET", "/v1/payments/" + paymentId, null, request.credentials(),
        request.idempotencyKey(), null, paymentId,
        json -> paymentResult(GatewayOperation.AUTHORIZE, json, request.amount()));
  }

  @Override
  public GatewayResult purchase(PaymentRequest request) {
    capabilities.requireAcceptable("amount", request.amount());
    if (request.paymentMethod().token().equals(CHECKOUT)) {
      return createOrder(request);
    }
    return capturePayment(GatewayOperation.PURCHASE, paymentId(request), request.amount(), request.credentials(),
        request.idempotencyKey());
  }

  @Override
  public GatewayResult capture(CaptureRequest request) {
    capabilities.requireCapture(request.amount(), request.authorizedAmount());
    return capturePayment(GatewayOperation.CAPTURE, request.gatewayReference(), request.amount(),
        request.credentials(), request.idempotencyKey());
  }

  @Override
  public GatewayResult voidAuthorization(VoidRequest request) {
    capabilities.requireVoid();
    throw new IllegalStateException("unreachable: void is declared unsupported");
  }

  @Override
  public GatewayResult refund(RefundRequest request) {
    capabilities.requireRefund(request.amount(), request.capturedAmount());
    ObjectNode body = JSON.createObjectNode();
    body.put("amount", RazorpayAmounts.toRazorpay(request.amount()));
    body.put("speed", "normal");
    body.putObject("notes").put("bizo_idempotency_key", request.idempotencyKey().value());
    return send(GatewayOperation.REFUND, "POST", "/v1/payments/" + request.gatewayReference() + "/refund", body,
        request.credentials(), request.idempotencyKey(), refundKey(request.idempotencyKey()),
        request.gatewayReference(), RazorpayGateway::refundResult);
  }

  @Override
  public GatewayResult fetchStatus(StatusRequest request) {
    Optional<String> reference = request.gatewayReference();
    if (reference.isEmpty()) {
      if (request.operation() != GatewayOperation.AUTHORIZE && request.operation() != GatewayOperation.PURCHASE) {
        return GatewayResult.unknown(null, "no Razorpay reference known for this " + request.operation());
      }
      // An order create that timed out: find it by its unique receipt.
      String query = "/v1/orders?receipt=" + URLEncoder.encode(receipt(request.idempotencyKey()), StandardCharsets.UTF_8);
      return send(request.operation(), "GET", query, null, request.credentials(), null, null, null,
          RazorpayGateway::orderLookupResult);
    }
    String ref = reference.get();
    if (request.operation() == GatewayOperation.REFUND) {
      if (!ref.startsWith("rfnd_")) {
        return GatewayResult.unknown(ref, "a refund is looked up by its rfnd_ reference");
      }
      return send(GatewayOperation.REFUND, "GET", "/v1/refunds/" + ref, null, request.credentials(), null, null, ref,
          RazorpayGateway::refundResult);
    }
    if (ref.startsWith("order_")) {
      return GatewayResult.pending(ref, NextAction.clientSecret(ref));
    }
    return send(request.operation(), "GET", "/v1/payments/" + ref, null, request.credentials(), null, null, ref,
        json -> paymentResult(request.operation(), json, request.amount()));
  }

  @Override
  public WebhookEvent verifyAndParseWebhook(WebhookRequest request) {
    String signature = request.headers().first("X-Razorpay-Signature")
        .orElseThrow(() -> WebhookRejectedException.signatureMissing("X-Razorpay-Signature"));
    if (!HmacSignature.matchesHex(request.credentials().require(WEBHOOK_SECRET), request.rawBody(), signature)) {
      throw WebhookRejectedException.signatureInvalid();
    }
    return RazorpayWebhookParser.parse(request.rawBody(), request.headers().first("X-Razorpay-Event-Id"));
  }

  // ---------------------------------------------------------------- operations

  private GatewayResult createOrder(PaymentRequest request) {
    ObjectNode body = JSON.createObjectNode();
    body.put("amount", RazorpayAmounts.toRazorpay(request.amount()));
    body.put("currency", request.amount().currency().getCurrencyCode());
    body.put("receipt", receipt(request.idempotencyKey()));
    body.put("unique_receipt", true);
    ObjectNode notes = body.putObject("notes");
    notes.put("bizo_idempotency_key", request.idempotencyKey().value());
    request.merchantReference().ifPresent(ref -> notes.put("merchant_reference", ref));
    return send(GatewayOperation.AUTHORIZE, "POST", "/v1/orders", body, request.credentials(),
        request.idempotencyKey(), null, null, json -> {
          String orderId = json.path("id").asText("");
          if (!orderId.startsWith("order_")) {
            return GatewayResult.unknown(null, "Razorpay answered without an order id");
          }
          return GatewayResult.pending(orderId, NextAction.clientSecret(orderId));
        });
  }

  private GatewayResult capturePayment(
      GatewayOperation operation, String paymentId, Money amount, GatewayCredentials credentials, IdempotencyKey key) {
    ObjectNode body = JSON.createObjectNode();
    body.put("amount", RazorpayAmounts.toRazorpay(amount));
    body.put("currency", amount.currency().getCurrencyCode());
    GatewayResult result = send(operation, "POST", "/v1/payments/" + paymentId + "/capture", body, credentials, key,
        null, paymentId, json -> paymentResult(GatewayOperation.CAPTURE, json, amount));
    if (result.is(GatewayResult.Outcome.DECLINED)
        && result.message().map(m -> m.toLowerCase().contains("already been captured")).orElse(false)) {
      // A retry of a capture that went through: Razorpay captures once, so read back what it holds.
      return send(operation, "GET", "/v1/payments/" + paymentId, null, credentials, key, null, paymentId,
          json -> paymentResult(GatewayOperation.CAPTURE, json, amount));
    }
    return result;
  }

  private static String paymentId(PaymentRequest request) {
    String token = request.paymentMethod().token();
    Optional<CheckoutPayment> checkout = CheckoutPayment.parse(token);
    if (checkout.isPresent()) {
      if (!checkout.get().signatureMatches(request.credentials().require(KEY_SECRET))) {
        throw ValidationException.ofField("paymentMethod", "signature_invalid",
            "The Razorpay Checkout signature does not match order and payment");
      }
      return checkout.get().paymentId();
    }
    if (token.startsWith("pay_")) {
      return token;
    }
    throw ValidationException.ofField("paymentMethod", "unsupported_token",
        "Pay with a Razorpay payment id (pay_…), a Checkout result, or " + CHECKOUT);
  }

  // ---------------------------------------------------------------- results

  private static GatewayResult paymentResult(GatewayOperation operation, JsonNode payment, Money expected) {
    String id = payment.path("id").asText("");
    String status = payment.path("status").asText("");
    if (id.isEmpty()) {
      return GatewayResult.unknown(null, "Razorpay answered without a payment id");
    }
    switch (status) {
      case "authorized":
        if (operation == GatewayOperation.AUTHORIZE) {
          return matchingAmount(id, payment, expected);
        }
        return operation == GatewayOperation.CAPTURE || operation == GatewayOperation.PURCHASE
            ? GatewayResult.unknown(id, "the payment is authorized but not captured yet")
            : GatewayResult.unknown(id, "unexpected status 'authorized' for " + operation);
      case "captured":
        if (operation == GatewayOperation.AUTHORIZE) {
          return GatewayResult.unknown(id, "the payment was captured already (account auto-capture?)");
        }
        return matchingAmount(id, payment, expected);
      case "failed":
        return GatewayResult.declined(id, declineCode(payment), payment.path("error_description").asText("failed"));
      case "created":
        return GatewayResult.pending(id, null);
      case "refunded":
        return GatewayResult.declined(id, "payment_refunded", "The payment was refunded");
      default:
        return GatewayResult.unknown(id, "unexpected payment status '" + status + "'");
    }
  }

  private static GatewayResult orderLookupResult(JsonNode collection) {
    JsonNode items = collection.path("items");
    if (!items.isArray() || items.isEmpty()) {
      return GatewayResult.unknown(null, "no order with this receipt yet");
    }
    String orderId = items.get(0).path("id").asText("");
    if (!orderId.startsWith("order_")) {
      return GatewayResult.unknown(null, "Razorpay listed an order without an id");
    }
    return GatewayResult.pending(orderId, NextAction.clientSecret(orderId));
  }

  private static GatewayResult matchingAmount(String id, JsonNode payment, Money expected) {
    Money actual = RazorpayAmounts.fromRazorpay(payment.path("amount").asLong(), payment.path("currency").asText());
    if (!actual.equals(expected)) {
      return GatewayResult.declined(id, "amount_mismatch", "The payment is for " + actual + ", not " + expected);
    }
    return GatewayResult.success(id, actual);
  }

  private static String declineCode(JsonNode payment) {
    String reason = payment.path("error_reason").asText("");
    if (!reason.isBlank() && !reason.equals("NA")) {
      return reason;
    }
    return payment.path("error_code").asText("payment_failed");
  }

  private static GatewayResult refundResult(JsonNode refund) {
    String id = refund.path("id").asText("");
    String status = refund.path("status").asText("");
    if (id.isEmpty()) {
      return GatewayResult.unknown(null, "Razorpay answered without a refund id");
    }
    switch (status) {
      case "processed":
        return GatewayResult.success(id,
            RazorpayAmounts.fromRazorpay(refund.path("amount").asLong(), refund.path("currency").asText()));
      case "pending":
        return GatewayResult.pending(id, null);
      case "failed":
        return GatewayResult.declined(id, "refund_failed", "Razorpay could not process the refund");
      default:
        return GatewayResult.unknown(id, "unexpected refund status '" + status + "'");
    }
  }

  // ---------------------------------------------------------------- transport

  private GatewayResult send(
      GatewayOperation operation, String method, String path, ObjectNode body, GatewayCredentials credentials,
      IdempotencyKey key, String refundKey, String knownReference, ResponseReader reader) {
    HttpRequest.Builder builder = http.request(path)
        .header("Authorization", basic(credentials))
        .header("Accept", "application/json");
    if (key != null) {
      builder.header(TRACE_HEADER, key.value());
    }
    if (refundKey != null) {
      builder.header(REFUND_IDEMPOTENCY_HEADER, refundKey);
    }
    if (body != null) {
      builder.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    } else {
      builder.method(method, HttpRequest.BodyPublishers.noBody());
    }
    GatewayResult result = exchange(builder.build(), knownReference, reader);
    LOG.debug("razorpay {} {} {} key={} -> {}", operation, method, path, key, result.outcome());
    return result;
  }

  private GatewayResult exchange(HttpRequest request, String knownReference, ResponseReader reader) {
    return http.send(request, knownReference, response -> interpret(response, knownReference, reader));
  }

  private static GatewayResult interpret(HttpResponse<String> response, String knownReference, ResponseReader reader) {
    int status = response.statusCode();
    if (status == 401) {
      throw new ConfigurationException("gateway.authentication_failed", "Razorpay refused the tenant's API key");
    }
    JsonNode json;
    try {
      json = JSON.readTree(response.body());
    } catch (IOException e) {
      return GatewayResult.unknown(knownReference, "unreadable Razorpay answer, HTTP " + status);
    }
    if (status >= 400) {
      JsonNode error = json == null ? JSON.createObjectNode() : json.path("error");
      String reason = error.path("reason").asText("");
      String code = !reason.isBlank() && !reason.equals("NA") ? reason : error.path("code").asText("http_" + status);
      return GatewayResult.declined(knownReference, code, error.path("description").asText("HTTP " + status));
    }
    if (json == null || !json.isObject()) {
      return GatewayResult.unknown(knownReference, "Razorpay answered HTTP " + status + " without an object");
    }
    return reader.read(json);
  }

  private static String basic(GatewayCredentials credentials) {
    String pair = credentials.require(KEY_ID) + ":" + credentials.require(KEY_SECRET);
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  /** The order {@code receipt}: the key itself when it fits Razorpay's 40 characters, else a digest of it. */
  static String receipt(IdempotencyKey key) {
    return key.value().length() <= MAX_RECEIPT ? key.value() : digest(key).substring(0, MAX_RECEIPT);
  }

  /** The refund idempotency key: the key itself when Razorpay's alphabet allows it, else a digest of it. */
  static String refundKey(IdempotencyKey key) {
    return REFUND_KEY.matcher(key.value()).matches() && key.value().length() <= 64
        ? key.value() : digest(key).substring(0, 40);
  }

  private static String digest(IdempotencyKey key) {
    return HmacSignature.signHex("bizo-idempotency", key.value().getBytes(StandardCharsets.UTF_8));
  }

  @FunctionalInterface
  private interface ResponseReader {
    GatewayResult read(JsonNode json);
  }

  /**
   * Where and how a {@link RazorpayGateway} talks to Razorpay: the {@link GatewayBuilder} settings, with
   * {@link #DEFAULT_API_BASE} (without the {@code /v1} path) and 30 s connect and read timeouts by default.
   */
  public static final class Builder extends GatewayBuilder<Builder, RazorpayGateway> {

    private Builder() {
      super(DEFAULT_API_BASE, Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    @Override
    public RazorpayGateway build() {
      return new RazorpayGateway(settings());
    }
  }
}
