package dev.bizo.core.events;

import java.time.Instant;
import java.util.Objects;

/**
 * An event as the {@link Outbox} holds it: the event its writer appended, and when the database recorded it.
 *
 * @param event the event, as appended
 * @param recordedAt the database's time of the insert ({@code bizo_outbox.recorded_at}), which readers tail by;
 *     not {@link DomainEvent#occurredAt()}, the writer's clock
 */
public record RecordedEvent(DomainEvent event, Instant recordedAt) {

  /** Requires both. */
  public RecordedEvent {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(recordedAt, "recordedAt");
  }
}
