package dev.bizo.payments.tck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bizo.core.Money;
import dev.bizo.core.http.OutboundHttp;
import dev.bizo.payments.spi.CaptureRequest;
import dev.bizo.payments.spi.GatewayCapabilities;
import dev.bizo.payments.spi.GatewayCredentials;
import dev.bizo.payments.spi.GatewayOperation;
import dev.bizo.payments.spi.GatewayResult;
import dev.bizo.payments.spi.IdempotencyKey;
import dev.bizo.payments.spi.NextAction;
import dev.bizo.payments.spi.PaymentGateway;
import dev.bizo.payments.spi.PaymentRequest;
import dev.bizo.payments.spi.RefundRequest;
import dev.bizo.payments.spi.StatusRequest;
import dev.bizo.payments.spi.TimestampTolerance;
import dev.bizo.payments.spi.TimestampedSignatureScheme;
import dev.bizo.payments.spi.TransportFailures;
import dev.bizo.payments.spi.VoidRequest;
import dev.bizo.payments.spi.WebhookEvent;
import dev.bizo.payments.spi.WebhookEventType;
import dev.bizo.payments.spi.WebhookRejectedException;
import dev.bizo.payments.spi.WebhookRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A tiny HTTP gateway over a made-up JSON API, so the TCK's HTTP stubbing and fault scenarios are proven
 * against a real java.net.http client before real gateway modules rely on them.
 *
 * <p>API: {@code POST /v1/payments} ({@code amount} as a major-unit decimal string, {@code currency},
 * {@code payment_method}, {@code capture}), {@code POST /v1/payments/{id}/capture}, {@code /void},
 * {@code /refunds}, {@code GET /v1/payments/{id}}; key header {@value #IDEMPOTENCY_HEADER}; webhooks signed
 * in {@value #SIGNATURE_HEADER} as {@code t=…,v1=…}. Built {@linkplain #keyInBody key-in-body}, it sends no key
 * header and puts {@link #bodyReference(IdempotencyKey)} in the JSON body's {@code reference} field instead,
 * the way gateways with a length-limited order id carry the key.
 */
final class FixtureHttpGateway implements PaymentGateway {

  static final String IDEMPOTENCY_HEADER = "Fixture-Idempotency-Key";
  static final String SIGNATURE_HEADER = "Fixture-Signature";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI baseUrl;
  private final Duration timeout;
  private final GatewayCapabilities capabilities;
  private final TimestampedSignatureScheme webhooks;
  private final HttpClient http;
  private final boolean keyInBody;

  FixtureHttpGateway(URI baseUrl, Duration timeout, Clock clock, GatewayCapabilities capabilities) {
    this(baseUrl, timeout, clock, capabilities, false);
  }

  private FixtureHttpGateway(
      URI baseUrl, Duration timeout, Clock clock, GatewayCapabilities capabilities, boolean keyInBody) {
    this.keyInBody = keyInBody;
    this.baseUrl = baseUrl;
    this.timeout = timeout;
    this.capabilities = capabilities;
    this.webhooks = new TimestampedSignatureScheme(SIGNATURE_HEADER, TimestampTolerance.fiveMinutes(clock));
    this.http = OutboundHttp.clientBuilder().connectTimeout(timeout).build();
  }

  /** A fixture that carries a digest of the key in the body's {@code reference} field, not in a header. */
  static FixtureHttpGateway keyInBody(URI baseUrl, Duration timeout, Clock clock, GatewayCapabilities capabilities) {
    return new FixtureHttpGateway(baseUrl, timeout, clock, capabilities, true);
  }

  /** The body {@code reference} for a key: {@code fx} and 20 hex digits of its SHA-256. */
  static String bodyReference(IdempotencyKey key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.value().getBytes(StandardCharsets.UTF_8));
      return "fx" + HexFormat.of().formatHex(digest).substring(0, 20);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }

  @Override
  public String id() {
    return "fixture";
  }

  @Override
  public GatewayCapabilities capabilities() {
    return capabilities;
  }

  @Override
  public GatewayResult authorize(PaymentRequest request) {
    capabilities.requireManualCapture();
    return create(request, false);
  }

  @Override
  public GatewayResult purchase(PaymentRequest request) {
    return create(request, true);
  }

  private GatewayResult create(PaymentRequest request, boolean capture) {
    capabilities.requireAcceptable("amount", request.amount());
    ObjectNode body = amount(request.amount());
    body.put("payment_method", request.paymentMethod().token());
    body.put("capture", capture);
    return send("POST", "/v1/payments", body, request.credentials(), request.idempotencyKey(), null,
        request.amount().currency().getCurrencyCode());
  }

  @Override
  public GatewayResult capture(CaptureRequest request) {
    capabilities.requireCapture(request.amount(), request.authorizedAmount());
    return send("POST", "/v1/payments/" + request.gatewayReference() + "/capture", amount(request.amount()),
        request.credentials(), request.idempotencyKey(), request.gatewayReference(),
        request.amount().currency().getCurrencyCode());
  }

  @Override
  public GatewayResult voidAuthorization(VoidRequest request) {
    capabilities.requireVoid();
    return send("POST", "/v1/payments/" + request.gatewayReference() + "/void", JSON.createObjectNode(),
        request.credentials(), request.idempotencyKey(), request.gatewayReference(), null);
  }

  @Override
  public GatewayResult refund(RefundRequest request) {
    capabilities.requireRefund(request.amount(), request.capturedAmount());
    return send("POST", "/v1/payments/" + request.gatewayReference() + "/refunds", amount(request.amount()),
        request.credentials(), request.idempotencyKey(), request.gatewayReference(),
        request.amount().currency().getCurrencyCode());
  }

  @Override
  public GatewayResult fetchStatus(StatusRequest request) {
    String ref = request.gatewayReference().orElse(null);
    if (ref == null || request.operation() == GatewayOperation.REFUND) {
      return GatewayResult.unknown(ref, "the fixture API looks payments up by reference only");
    }
    return send("GET", "/v1/payments/" + ref, null, request.credentials(), null, ref,
        request.amount().currency().getCurrencyCode());
  }

  @Override
  public WebhookEvent verifyAndParseWebhook(WebhookRequest request) {
    webhooks.verify(request, List.of(request.credentials().require("webhook_secret")));
    try {
      JsonNode event = JSON.readTree(request.rawBody());
      WebhookEventType type = event.path("type").asText().equals("payment.captured")
          ? WebhookEventType.PAYMENT_CAPTURED : WebhookEventType.OTHER;
      return new WebhookEvent(
          event.path("id").asText(), type, event.path("type").asText(),
          Optional.of(event.path("payment").asText()),
          Optional.of(Money.of(event.path("amount").asText(), event.path("currency").asText())),
          Instant.ofEpochSecond(event.path("created").asLong()));
    } catch (IOException e) {
      throw WebhookRejectedException.malformed("not JSON");
    }
  }

  private static ObjectNode amount(Money amount) {
    ObjectNode body = JSON.createObjectNode();
    body.put("amount", amount.toDecimal().toPlainString());
    body.put("currency", amount.currency().getCurrencyCode());
    return body;
  }

  private GatewayResult send(
      String method, String path, ObjectNode body, GatewayCredentials credentials, IdempotencyKey key,
      String knownReference, String currency) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(baseUrl.resolve(path))
        .timeout(timeout)
        .header("Authorization", "Bearer " + credentials.require("api_key"))
        .header("Content-Type", "application/json");
    if (key != null && keyInBody && body != null) {
      body.put("reference", bodyReference(key));
    } else if (key != null) {
      builder.header(IDEMPOTENCY_HEADER, key.value());
    }
    builder.method(method, body == null
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body.toString()));
    HttpResponse<String> response;
    try {
      response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return TransportFailures.unknownOrThrowUnreachable(id(), knownReference, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return GatewayResult.unknown(knownReference, "interrupted while waiting for the gateway");
    }
    if (response.statusCode() >= 500) {
      return GatewayResult.unknown(knownReference, "HTTP " + response.statusCode());
    }
    JsonNode json;
    try {
      json = JSON.readTree(response.body());
    } catch (IOException e) {
      return GatewayResult.unknown(knownReference, "unreadable response, HTTP " + response.statusCode());
    }
    String ref = json.path("id").asText(knownReference);
    String status = json.path("status").asText("");
    if (response.statusCode() >= 400 || status.equals("declined")) {
      return GatewayResult.declined(
          ref, json.path("decline_code").asText("http_" + response.statusCode()), json.path("message").asText(""));
    }
    switch (status) {
      case "authorized":
      case "captured":
      case "voided":
      case "succeeded":
        return GatewayResult.success(ref, Money.of(json.path("amount").asText(), json.path("currency").asText(currency)));
      case "requires_action":
        return GatewayResult.pending(ref, NextAction.redirect(URI.create(json.path("redirect_url").asText())));
      default:
        return GatewayResult.unknown(ref, "unexpected status '" + status + "'");
    }
  }
}
