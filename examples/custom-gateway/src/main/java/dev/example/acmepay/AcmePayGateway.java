package dev.example.acmepay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bizo.core.Money;
import dev.bizo.payments.spi.CaptureRequest;
import dev.bizo.payments.spi.GatewayBuilder;
import dev.bizo.payments.spi.GatewayCapabilities;
import dev.bizo.payments.spi.GatewayHttpClient;
import dev.bizo.payments.spi.GatewayOperation;
import dev.bizo.payments.spi.GatewayRequest;
import dev.bizo.payments.spi.GatewayResult;
import dev.bizo.payments.spi.GatewaySettings;
import dev.bizo.payments.spi.HmacSignature;
import dev.bizo.payments.spi.NextAction;
import dev.bizo.payments.spi.PaymentGateway;
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
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Acme Pay for Bizo: a {@link PaymentGateway} over Acme Pay's REST API, written against the payments SPI only.
 *
 * <h2>The Acme Pay API it speaks</h2>
 * JSON over HTTPS, amounts as integers in the currency's minor units ({@code 4990} is EUR 49.90, {@code 5000} is
 * JPY 5000, {@code 12345} is KWD 12.345), so no conversion can round.
 * <ul>
 *   <li>{@code POST /v1/charges} {@code {"amount", "currency", "source", "capture", "reference", ...}} creates a
 *       charge; {@code POST /v1/charges/{id}/capture} {@code {"amount"}}, {@code POST /v1/charges/{id}/void} and
 *       {@code POST /v1/charges/{id}/refunds} {@code {"amount"}} act on it.</li>
 *   <li>A charge answers {@code {"id", "status", "amount", "amount_captured", "currency", "action_url",
 *       "decline_code", "decline_message"}} with status {@code requires_action}, {@code authorized},
 *       {@code captured}, {@code voided} or {@code declined} (declines come with HTTP 402). A refund answers
 *       {@code {"id", "status", "amount", "currency", "failure_code"}} with status {@code pending},
 *       {@code succeeded} or {@code failed}.</li>
 *   <li>{@code GET /v1/charges/{id}}, {@code GET /v1/refunds/{id}}, and {@code GET /v1/requests/{key}}: the object
 *       a request with that idempotency key produced, or 404 when Acme Pay never received it (Acme Pay records the
 *       key atomically with the work, so a 404 proves nothing happened).</li>
 *   <li>Every request carries {@code Authorization: Bearer <api_key>}; every {@code POST} carries
 *       {@code Acme-Idempotency-Key}, and Acme Pay answers a repeated key with the first answer.</li>
 *   <li>Webhooks carry {@code Acme-Timestamp} (Unix seconds) and {@code Acme-Signature: sha256=<hex>}, the
 *       HMAC-SHA256 of {@code <timestamp>.<raw body>} under the webhook secret.</li>
 * </ul>
 *
 * <h2>Credentials (tenant secrets {@code payments.acmepay.*})</h2>
 * {@code api_key} (required for API calls), {@code webhook_secret} (required for webhooks) and, while a secret
 * is rotated, {@code webhook_secret_previous}.
 *
 * <h2>Outcomes</h2>
 * A 2xx or 402 answer is read as above. Any other 4xx is a refusal (DECLINED with Acme Pay's error code): the
 * request was rejected before any money moved. A 5xx, a 409 (the key is still being worked on), an unreadable
 * body, a read timeout or a reset connection is UNKNOWN. A refused connection, an unknown host or a connect
 * timeout throws {@link dev.bizo.payments.spi.GatewayUnreachableException}.
 *
 * <p>Stateless and thread-safe: one instance serves every tenant.
 */
public final class AcmePayGateway implements PaymentGateway {

  /** The gateway id, also the middle part of its tenant secret names. */
  public static final String ID = "acmepay";

  /** Acme Pay's production API. */
  public static final URI DEFAULT_BASE_URL = URI.create("https://api.acmepay.example");

  /** The header that carries the idempotency key on every POST. */
  public static final String IDEMPOTENCY_HEADER = "Acme-Idempotency-Key";

  /** The webhook header with the hex HMAC, prefixed {@code sha256=}. */
  public static final String SIGNATURE_HEADER = "Acme-Signature";

  /** The webhook header with the signed Unix timestamp. */
  public static final String TIMESTAMP_HEADER = "Acme-Timestamp";

  /** Credential: the API key. */
  public static final String API_KEY = "api_key";

  /** Credential: the webhook signing secret. */
  public static final String WEBHOOK_SECRET = "webhook_secret";

  /** Credential, optional: the previous webhook secret, accepted while a secret is rotated. */
  public static final String PREVIOUS_WEBHOOK_SECRET = "webhook_secret_previous";

  private static final String SIGNATURE_PREFIX = "sha256=";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final GatewayCapabilities CAPABILITIES = GatewayCapabilities.builder()
      .manualCapture(true)
      .partialCapture(true)
      .partialRefund(true)
      .voidAuthorization(true)
      .redirects(true)
      .currencies("EUR", "USD", "GBP", "JPY", "KWD")
      .maxAmount(Money.of("50000.00", "EUR"))
      .maxAmount(Money.of("50000.00", "USD"))
      .build();

  private final GatewaySettings settings;
  private final GatewayHttpClient http;

  /** Acme Pay's production API with 10 s timeouts; the constructor {@link java.util.ServiceLoader} uses. */
  public AcmePayGateway() {
    this(builder().settings());
  }

  private AcmePayGateway(GatewaySettings settings) {
    this.settings = settings;
    // 409: Acme Pay is still working on a request with this key
    this.http = new GatewayHttpClient(ID, "Acme Pay", settings).unknownAlsoOn(409);
  }

  /**
   * Starts a gateway with production defaults: {@link #DEFAULT_BASE_URL}, 10 s connect and read timeouts, a
   * five-minute webhook tolerance on the system clock. Point it at a sandbox or a stub with
   * {@code apiBase(...)}.
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String displayName() {
    return "Acme Pay";
  }

  @Override
  public GatewayCapabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public GatewayResult authorize(PaymentRequest request) {
    CAPABILITIES.requireManualCapture();
    CAPABILITIES.requireAcceptable("amount", request.amount());
    return createCharge(request, false);
  }

  @Override
  public GatewayResult purchase(PaymentRequest request) {
    CAPABILITIES.requireAcceptable("amount", request.amount());
    return createCharge(request, true);
  }

  @Override
  public GatewayResult capture(CaptureRequest request) {
    CAPABILITIES.requireCapture(request.amount(), request.authorizedAmount());
    ObjectNode body = JSON.createObjectNode().put("amount", request.amount().minorUnits());
    return send(post(chargePath(request.gatewayReference()) + "/capture", body, request),
        GatewayOperation.CAPTURE, request.gatewayReference());
  }

  @Override
  public GatewayResult voidAuthorization(VoidRequest request) {
    CAPABILITIES.requireVoid();
    return send(post(chargePath(request.gatewayReference()) + "/void", JSON.createObjectNode(), request),
        GatewayOperation.VOID, request.gatewayReference());
  }

  @Override
  public GatewayResult refund(RefundRequest request) {
    CAPABILITIES.requireRefund(request.amount(), request.capturedAmount());
    ObjectNode body = JSON.createObjectNode().put("amount", request.amount().minorUnits());
    return send(post(chargePath(request.gatewayReference()) + "/refunds", body, request),
        GatewayOperation.REFUND, null);
  }

  @Override
  public GatewayResult fetchStatus(StatusRequest request) {
    String path;
    if (request.gatewayReference().isEmpty()) {
      path = "/v1/requests/" + segment(request.idempotencyKey().value());
    } else if (request.operation() == GatewayOperation.REFUND) {
      path = "/v1/refunds/" + segment(request.gatewayReference().get());
    } else {
      path = chargePath(request.gatewayReference().get());
    }
    String reference = request.gatewayReference().orElse(null);
    boolean byKey = request.gatewayReference().isEmpty();
    return send(authorized(path, request).GET().build(), reference, response ->
        byKey && response.statusCode() == 404
            ? GatewayResult.declined(null, "not_received", "Acme Pay never received a request with this idempotency key")
            : interpret(response, request.operation(), reference));
  }

  @Override
  public WebhookEvent verifyAndParseWebhook(WebhookRequest request) {
    String signatureHeader = request.headers().first(SIGNATURE_HEADER)
        .orElseThrow(() -> WebhookRejectedException.signatureMissing(SIGNATURE_HEADER));
    String timestampHeader = request.headers().first(TIMESTAMP_HEADER)
        .orElseThrow(() -> WebhookRejectedException.signatureMissing(TIMESTAMP_HEADER));
    long seconds;
    try {
      seconds = Long.parseLong(timestampHeader.trim());
    } catch (NumberFormatException e) {
      throw WebhookRejectedException.signatureMissing(TIMESTAMP_HEADER);
    }
    if (!signatureHeader.startsWith(SIGNATURE_PREFIX)) {
      throw WebhookRejectedException.signatureMissing(SIGNATURE_HEADER);
    }
    String provided = signatureHeader.substring(SIGNATURE_PREFIX.length());
    byte[] signed = signedPayload(seconds, request.rawBody());
    List<String> secrets = new ArrayList<>();
    secrets.add(request.credentials().require(WEBHOOK_SECRET));
    request.credentials().find(PREVIOUS_WEBHOOK_SECRET).filter(s -> !s.isEmpty()).ifPresent(secrets::add);
    boolean matched = false;
    for (String secret : secrets) {
      matched |= HmacSignature.matchesHex(secret, signed, provided); // no early exit: timing tells nothing
    }
    if (!matched) {
      throw WebhookRejectedException.signatureInvalid();
    }
    Instant signedAt = Instant.ofEpochSecond(seconds);
    settings.tolerance().requireWithin(signedAt); // only a correctly signed message learns that it is stale
    return parseEvent(request.bodyAsUtf8(), signedAt);
  }

  /**
   * The {@value #SIGNATURE_HEADER} value Acme Pay sends for {@code body} signed at {@code timestamp}: what a
   * test or a local webhook replayer needs to produce a genuine webhook.
   *
   * @param secret the webhook secret
   * @param timestamp the {@value #TIMESTAMP_HEADER} value, in Unix seconds
   * @param body the raw body
   * @return {@code sha256=<hex>}
   */
  public static String signature(String secret, long timestamp, byte[] body) {
    return SIGNATURE_PREFIX + HmacSignature.signHex(secret, signedPayload(timestamp, body));
  }

  // ------------------------------------------------------------------------------------------- requests

  private GatewayResult createCharge(PaymentRequest request, boolean capture) {
    ObjectNode body = JSON.createObjectNode()
        .put("amount", request.amount().minorUnits())
        .put("currency", request.amount().currency().getCurrencyCode())
        .put("source", request.paymentMethod().token())
        .put("capture", capture);
    request.merchantReference().ifPresent(r -> body.put("reference", r));
    request.description().ifPresent(d -> body.put("description", d));
    request.returnUrl().ifPresent(u -> body.put("return_url", u.toString()));
    if (!request.metadata().isEmpty()) {
      ObjectNode metadata = body.putObject("metadata");
      request.metadata().forEach(metadata::put);
    }
    return send(post("/v1/charges", body, request),
        capture ? GatewayOperation.PURCHASE : GatewayOperation.AUTHORIZE, null);
  }

  private HttpRequest post(String path, ObjectNode body, GatewayRequest request) {
    return authorized(path, request)
        .header("Content-Type", "application/json")
        .header(IDEMPOTENCY_HEADER, request.idempotencyKey().value())
        .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
        .build();
  }

  private HttpRequest.Builder authorized(String path, GatewayRequest request) {
    return http.request(path)
        .header("Accept", "application/json")
        .header("Authorization", "Bearer " + request.credentials().require(API_KEY));
  }

  private GatewayResult send(HttpRequest request, GatewayOperation operation, String knownReference) {
    return send(request, knownReference, response -> interpret(response, operation, knownReference));
  }

  /**
   * Sends one request and reads the answer with {@code reading}. {@link GatewayHttpClient} sorts what cannot be
   * read: never sent is thrown as unreachable; a transport failure after sending, a 5xx or a 409 is UNKNOWN.
   */
  private GatewayResult send(
      HttpRequest request, String knownReference, Function<HttpResponse<String>, GatewayResult> reading) {
    return http.send(request, knownReference, reading);
  }

  // ------------------------------------------------------------------------------------------- responses

  private GatewayResult interpret(HttpResponse<String> response, GatewayOperation operation, String knownReference) {
    int status = response.statusCode(); // 5xx and 409 never get here: they are UNKNOWN
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (IOException e) {
      return GatewayResult.unknown(knownReference, "Acme Pay answered HTTP " + status + " with an unreadable body");
    }
    if (body == null || !body.isObject()) {
      return GatewayResult.unknown(knownReference, "Acme Pay answered HTTP " + status + " without a JSON object");
    }
    if (status >= 400 && status != 402) {
      JsonNode error = body.path("error");
      return GatewayResult.declined(knownReference, text(error, "code").orElse("http_" + status),
          text(error, "message").orElse("Acme Pay refused the request (HTTP " + status + ")"));
    }
    if (operation == GatewayOperation.REFUND || body.path("object").asText().equals("refund")) {
      return refundOutcome(body, knownReference);
    }
    return chargeOutcome(body, operation, knownReference);
  }

  private static GatewayResult chargeOutcome(JsonNode charge, GatewayOperation operation, String knownReference) {
    Optional<String> id = text(charge, "id");
    if (id.isEmpty()) {
      return GatewayResult.unknown(knownReference, "Acme Pay's answer has no charge id");
    }
    String status = charge.path("status").asText("");
    if (status.equals("declined")) {
      return GatewayResult.declined(id.get(), text(charge, "decline_code").orElse("declined"),
          text(charge, "decline_message").orElse("Declined by Acme Pay"));
    }
    if (status.equals("requires_action")) {
      return GatewayResult.pending(id.get(), text(charge, "action_url").map(URI::create).map(NextAction::redirect).orElse(null));
    }
    boolean authorized = status.equals("authorized");
    boolean captured = status.equals("captured");
    boolean voided = status.equals("voided");
    switch (operation) {
      case AUTHORIZE -> {
        if (authorized || captured || voided) {
          return success(id.get(), charge, "amount");
        }
      }
      case PURCHASE -> {
        if (captured) {
          return success(id.get(), charge, "amount_captured");
        }
        if (authorized) {
          return GatewayResult.pending(id.get(), null); // Acme Pay is still capturing
        }
        if (voided) {
          return GatewayResult.declined(id.get(), "voided", "The charge was voided before it was captured");
        }
      }
      case CAPTURE -> {
        if (captured) {
          return success(id.get(), charge, "amount_captured");
        }
        if (voided) {
          return GatewayResult.declined(id.get(), "voided", "The authorization was voided");
        }
        if (authorized) {
          return GatewayResult.unknown(id.get(), "The charge is still authorized; no capture has happened yet");
        }
      }
      case VOID -> {
        if (voided) {
          return success(id.get(), charge, "amount");
        }
        if (captured) {
          return GatewayResult.declined(id.get(), "already_captured", "The charge was captured; refund it instead");
        }
        if (authorized) {
          return GatewayResult.unknown(id.get(), "The charge is still authorized; no void has happened yet");
        }
      }
      case REFUND -> {
        // a refund is its own object, read by refundOutcome
      }
    }
    return GatewayResult.unknown(id.get(), "Acme Pay reports charge status '" + status + "' for a " + operation);
  }

  private static GatewayResult refundOutcome(JsonNode refund, String knownReference) {
    Optional<String> id = text(refund, "id");
    if (id.isEmpty()) {
      return GatewayResult.unknown(knownReference, "Acme Pay's answer has no refund id");
    }
    switch (refund.path("status").asText("")) {
      case "succeeded":
        return success(id.get(), refund, "amount");
      case "pending":
        return GatewayResult.pending(id.get(), null);
      case "failed":
        return GatewayResult.declined(id.get(), text(refund, "failure_code").orElse("refund_failed"),
            "Acme Pay could not refund");
      default:
        return GatewayResult.unknown(id.get(), "Acme Pay reports refund status '" + refund.path("status").asText() + "'");
    }
  }

  private static GatewayResult success(String id, JsonNode object, String amountField) {
    Optional<Money> amount = money(object, amountField);
    return amount.isPresent()
        ? GatewayResult.success(id, amount.get())
        : GatewayResult.unknown(id, "Acme Pay's answer has no " + amountField);
  }

  private static Optional<Money> money(JsonNode object, String amountField) {
    JsonNode amount = object.path(amountField);
    Optional<String> currency = text(object, "currency");
    if (!amount.canConvertToExactIntegral() || currency.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Money.ofMinor(amount.asLong(), currency.get()));
  }

  private static WebhookEvent parseEvent(String body, Instant signedAt) {
    JsonNode event;
    try {
      event = JSON.readTree(body);
    } catch (IOException e) {
      throw WebhookRejectedException.malformed("not JSON");
    }
    if (event == null || !event.isObject()) {
      throw WebhookRejectedException.malformed("not a JSON object");
    }
    String eventId = text(event, "id").orElseThrow(() -> WebhookRejectedException.malformed("no event id"));
    String type = text(event, "type").orElseThrow(() -> WebhookRejectedException.malformed("no event type"));
    JsonNode data = event.path("data");
    Instant occurredAt = event.path("created").canConvertToLong()
        ? Instant.ofEpochSecond(event.path("created").asLong())
        : signedAt;
    Optional<Money> amount;
    try {
      amount = money(data, "amount");
    } catch (RuntimeException e) {
      throw WebhookRejectedException.malformed("unreadable amount");
    }
    return new WebhookEvent(eventId, eventType(type), type, text(data, "id"), amount, occurredAt);
  }

  private static WebhookEventType eventType(String type) {
    switch (type) {
      case "charge.authorized":
        return WebhookEventType.PAYMENT_AUTHORIZED;
      case "charge.captured":
        return WebhookEventType.PAYMENT_CAPTURED;
      case "charge.declined":
        return WebhookEventType.PAYMENT_FAILED;
      case "charge.voided":
        return WebhookEventType.PAYMENT_VOIDED;
      case "refund.succeeded":
        return WebhookEventType.PAYMENT_REFUNDED;
      default:
        return WebhookEventType.OTHER;
    }
  }

  // ------------------------------------------------------------------------------------------- small parts

  private static byte[] signedPayload(long timestamp, byte[] body) {
    byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.US_ASCII);
    byte[] payload = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, payload, 0, prefix.length);
    System.arraycopy(body, 0, payload, prefix.length, body.length);
    return payload;
  }

  private static String chargePath(String chargeId) {
    return "/v1/charges/" + segment(chargeId);
  }

  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
  }

  @Override
  public String toString() {
    return "AcmePayGateway[" + settings.apiBase() + "]";
  }

  /**
   * Where and how an {@link AcmePayGateway} talks to Acme Pay: the settings every Bizo gateway shares (API base,
   * connect and read timeouts, webhook tolerance, clock), from the payments SPI's {@link GatewayBuilder}.
   */
  public static final class Builder extends GatewayBuilder<Builder, AcmePayGateway> {

    private Builder() {
      super(DEFAULT_BASE_URL, Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    @Override
    public AcmePayGateway build() {
      return new AcmePayGateway(settings());
    }
  }
}
