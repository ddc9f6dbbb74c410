package dev.bizo.payments.spi;

import dev.bizo.core.Money;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A verified webhook, normalized.
 *
 * <p>A webhook only ever proposes a state change: the platform applies it only along a legal transition
 * and, when in doubt, re-fetches the status from the gateway. {@link #eventId()} is the gateway's own
 * stable id for the event, identical on every redelivery, which is what the platform deduplicates on.
 *
 * @param eventId the gateway's event id, stable across redeliveries
 * @param type the normalized type
 * @param gatewayEventType the gateway's own type name, e.g. {@code payment_intent.succeeded}
 * @param gatewayReference the reference of the operation the event is about, as returned by the gateway
 *     operations; empty for events about nothing the platform created
 * @param amount the amount the event reports, if any
 * @param occurredAt when the gateway says the event happened
 */
public record WebhookEvent(
    String eventId,
    WebhookEventType type,
    String gatewayEventType,
    Optional<String> gatewayReference,
    Optional<Money> amount,
    Instant occurredAt) {

  /** Validates presence; the ids must not be blank. */
  public WebhookEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(gatewayEventType, "gatewayEventType");
    Objects.requireNonNull(gatewayReference, "gatewayReference");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(occurredAt, "occurredAt");
    if (eventId.isBlank()) {
      throw new IllegalArgumentException("A webhook event has an id");
    }
  }
}
