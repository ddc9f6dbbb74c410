package dev.bizo.payments.paypal;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import dev.bizo.core.Money;
import dev.bizo.payments.paypal.internal.PayPalAmounts;
import dev.bizo.payments.paypal.internal.PayPalWebhookVerifier;
import dev.bizo.payments.spi.WebhookEventType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * PayPal's side of webhooks, for tests: events in PayPal's v1 notification envelope, the five
 * {@code PAYPAL-*} transmission headers, and a stand-in for PayPal's verify-webhook-signature API.
 *
 * <p>PayPal signs {@code transmission_id|transmission_time|webhook_id|crc32(raw body)} with its private
 * key; the stand-in signs the same string with an HMAC key only it knows. Its verification endpoint
 * recomputes that signature from the request's {@code webhook_id} and the CRC32 of the exact
 * {@code webhook_event} bytes it received, as PayPal does, and answers {@code SUCCESS} or
 * {@code FAILURE}. So a webhook sent for another webhook id, a changed body or a re-serialized body
 * fails, while the gateway under test only ever sees PayPal's answer.
 */
final class PayPalWebhooks {

  static final String CERT_URL = "https://api-m.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-tck";
  static final String AUTH_ALGO = "SHA256withRSA";
  private static final byte[] PAYPAL_SIGNING_KEY = "paypal-side-signing-key-tck".getBytes(StandardCharsets.US_ASCII);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Map<WebhookEventType, String[]> TYPES = Map.of(
      WebhookEventType.PAYMENT_CAPTURED, new String[] {"PAYMENT.CAPTURE.COMPLETED", "capture", "COMPLETED"},
      WebhookEventType.PAYMENT_AUTHORIZED, new String[] {"PAYMENT.AUTHORIZATION.CREATED", "authorization", "CREATED"},
      WebhookEventType.PAYMENT_VOIDED, new String[] {"PAYMENT.AUTHORIZATION.VOIDED", "authorization", "VOIDED"},
      WebhookEventType.PAYMENT_REFUNDED, new String[] {"PAYMENT.CAPTURE.REFUNDED", "refund", "COMPLETED"},
      WebhookEventType.PAYMENT_FAILED, new String[] {"PAYMENT.CAPTURE.DENIED", "capture", "DECLINED"},
      WebhookEventType.OTHER, new String[] {"CHECKOUT.ORDER.APPROVED", "checkout-order", "APPROVED"});

  private PayPalWebhooks() {}

  /** An event body as PayPal sends it. */
  static String event(String eventId, WebhookEventType type, String reference, Money amount, Instant createdAt) {
    String[] t = TYPES.get(type);
    return "{\"id\":\"" + eventId + "\",\"event_version\":\"1.0\",\"create_time\":\"" + createdAt + "\","
        + "\"resource_type\":\"" + t[1] + "\",\"resource_version\":\"2.0\",\"event_type\":\"" + t[0] + "\","
        + "\"summary\":\"Payment " + t[2].toLowerCase() + " for " + PayPalAmounts.value(amount) + " "
        + PayPalStubs.code(amount) + "\",\"resource\":{\"id\":\"" + reference + "\",\"status\":\"" + t[2] + "\","
        + "\"amount\":" + PayPalStubs.amount(amount) + ",\"create_time\":\"" + createdAt + "\"},"
        + "\"links\":[{\"href\":\"https://api-m.paypal.com/v1/notifications/webhooks-events/" + eventId + "\","
        + "\"rel\":\"self\",\"method\":\"GET\"}]}";
  }

  /** The transmission headers PayPal sends, signed for {@code webhookId}. */
  static Map<String, String> headers(byte[] body, String webhookId, Instant sentAt) {
    String transmissionId = UUID.nameUUIDFromBytes((sentAt + new String(body, StandardCharsets.UTF_8))
        .getBytes(StandardCharsets.UTF_8)).toString();
    String time = sentAt.toString();
    return Map.of(
        "PAYPAL-TRANSMISSION-ID", transmissionId,
        "PAYPAL-TRANSMISSION-TIME", time,
        "PAYPAL-TRANSMISSION-SIG", sign(transmissionId, time, webhookId, body),
        "PAYPAL-CERT-URL", CERT_URL,
        "PAYPAL-AUTH-ALGO", AUTH_ALGO,
        "Content-Type", "application/json");
  }

  /**
   * Stubs the verification API: SUCCESS when the stand-in's signature matches, FAILURE otherwise, both
   * only for a request with the tenant's bearer token.
   */
  static void stubVerification(WireMockServer api) {
    api.stubFor(post(PayPalWebhookVerifier.PATH).atPriority(2)
        .withHeader("Authorization", equalTo("Bearer " + PayPalStubs.ACCESS_TOKEN))
        .andMatching(PayPalWebhooks::genuine)
        .willReturn(PayPalStubs.json(200, "{\"verification_status\":\"SUCCESS\"}")));
    api.stubFor(post(PayPalWebhookVerifier.PATH).atPriority(3)
        .withHeader("Authorization", equalTo("Bearer " + PayPalStubs.ACCESS_TOKEN))
        .willReturn(PayPalStubs.json(200, "{\"verification_status\":\"FAILURE\"}")));
  }

  private static MatchResult genuine(Request request) {
    byte[] body = request.getBody();
    try {
      JsonNode fields = JSON.readTree(body);
      byte[] event = rawField(body, "webhook_event");
      String expected = sign(fields.path("transmission_id").asText(), fields.path("transmission_time").asText(),
          fields.path("webhook_id").asText(), event);
      return MatchResult.of(expected.equals(fields.path("transmission_sig").asText())
          && AUTH_ALGO.equals(fields.path("auth_algo").asText())
          && CERT_URL.equals(fields.path("cert_url").asText()));
    } catch (IOException | RuntimeException e) {
      return MatchResult.noMatch();
    }
  }

  /** The exact bytes of one top-level field's value, as PayPal reads the event it is asked about. */
  static byte[] rawField(byte[] json, String name) throws IOException {
    try (JsonParser parser = JSON.getFactory().createParser(json)) {
      parser.nextToken();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        int start = (int) parser.currentTokenLocation().getByteOffset();
        parser.skipChildren();
        int end = (int) parser.currentLocation().getByteOffset();
        if (field.equals(name)) {
          return Arrays.copyOfRange(json, start, end);
        }
      }
    }
    throw new IOException("no field " + name);
  }

  private static String sign(String transmissionId, String time, String webhookId, byte[] body) {
    CRC32 crc = new CRC32();
    crc.update(body);
    String signed = transmissionId + "|" + time + "|" + webhookId + "|" + crc.getValue();
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(PAYPAL_SIGNING_KEY, "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
