package dev.example.acmepay;

import dev.bizo.core.Money;
import dev.bizo.payments.tck.TestWebhook;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/** Webhooks as Acme Pay sends them, signed, for the tests. */
final class AcmePayWebhooks {

  private AcmePayWebhooks() {}

  /** An event about {@code objectId} (a charge or a refund) carrying {@code amount}, signed at {@code signedAt}. */
  static TestWebhook signed(String eventId, String type, String objectId, Money amount, String secret, Instant signedAt) {
    String body = "{\"id\":\"" + eventId + "\",\"type\":\"" + type + "\",\"created\":" + signedAt.getEpochSecond()
        + ",\"data\":{\"id\":\"" + objectId + "\",\"amount\":" + amount.minorUnits()
        + ",\"currency\":\"" + amount.currency().getCurrencyCode() + "\"}}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    long timestamp = signedAt.getEpochSecond();
    return new TestWebhook(bytes, Map.of(
        "Content-Type", "application/json",
        AcmePayGateway.TIMESTAMP_HEADER, Long.toString(timestamp),
        AcmePayGateway.SIGNATURE_HEADER, AcmePayGateway.signature(secret, timestamp, bytes)));
  }
}
