package dev.bizo.webhooks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The Standard Webhooks headers of one outbound message, as {@link WebhookSigner} makes them: the headers this
 * platform signs and sends, never the inbound headers of a payment gateway's webhook.
 *
 * @param id {@code webhook-id}: the message id, the same on every retry
 * @param timestamp {@code webhook-timestamp}: seconds since the epoch of this attempt
 * @param signature {@code webhook-signature}: {@code v1,} + base64 HMAC-SHA256
 */
public record StandardWebhookHeaders(String id, long timestamp, String signature) {

  /** Requires every field. */
  public StandardWebhookHeaders {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(signature, "signature");
  }

  /**
   * The headers by name.
   *
   * @return webhook-id, webhook-timestamp and webhook-signature
   */
  public Map<String, String> asMap() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("webhook-id", id);
    map.put("webhook-timestamp", Long.toString(timestamp));
    map.put("webhook-signature", signature);
    return map;
  }
}
