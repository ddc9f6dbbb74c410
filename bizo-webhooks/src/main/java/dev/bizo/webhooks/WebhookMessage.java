package dev.bizo.webhooks;

import dev.bizo.core.Ids;
import dev.bizo.core.ValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * One event to deliver. The id stays the same over every retry so receivers can de-duplicate.
 *
 * @param id message id, e.g. {@code msg_0190...}
 * @param eventType the event type, e.g. {@code lead.created}
 * @param createdAt when the event happened
 * @param payload the JSON body, sent byte for byte as signed
 */
public record WebhookMessage(String id, String eventType, Instant createdAt, String payload) {

  /** Validates the message. */
  public WebhookMessage {
    if (id == null || id.isBlank() || id.contains(".")) {
      throw ValidationException.ofField("id", "webhook.message_id", "message id must be non-blank without '.'");
    }
    if (eventType == null || eventType.isBlank()) {
      throw ValidationException.ofField("eventType", "webhook.event_type_blank", "event type is blank");
    }
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(payload, "payload");
  }

  /**
   * A message with a new time-ordered id.
   *
   * @param eventType the event type
   * @param createdAt when it happened
   * @param payload the JSON body
   * @return the message
   */
  public static WebhookMessage create(String eventType, Instant createdAt, String payload) {
    return new WebhookMessage("msg_" + Ids.newUuid().toString().replace("-", ""), eventType, createdAt, payload);
  }

  /**
   * The body bytes.
   *
   * @return the payload as UTF-8
   */
  public byte[] body() {
    return payload.getBytes(StandardCharsets.UTF_8);
  }
}
