package dev.bizo.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One outbox event's delivery to one endpoint, with its attempt log, as the delivery log shows it.
 *
 * @param id the delivery's id (for manual redelivery)
 * @param endpointId the endpoint
 * @param eventId the outbox event's id, sent as {@code webhook-id} on every attempt
 * @param eventType the event type
 * @param status where the delivery stands
 * @param attempts every attempt, oldest first
 * @param nextAttemptAt when the next attempt is due, while pending
 * @param createdAt when the delivery was created from the outbox
 */
public record WebhookDeliveryRecord(
    WebhookDeliveryId id, WebhookEndpointId endpointId, UUID eventId, String eventType, DeliveryState.Status status,
    List<DeliveryAttempt> attempts, Optional<Instant> nextAttemptAt, Instant createdAt) {

  /** Requires every field and copies the attempts. */
  public WebhookDeliveryRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(endpointId, "endpointId");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(status, "status");
    attempts = List.copyOf(attempts);
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
