package dev.bizo.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the delivery of one message to one endpoint stands, with its attempt log. Immutable; every
 * transition returns a new state, so a job can persist it in the outbox row.
 *
 * @param messageId the message
 * @param endpointId the endpoint
 * @param status the status
 * @param attempts the attempt log, oldest first
 * @param nextAttemptAt when to try next, while pending
 */
public record DeliveryState(
    String messageId, String endpointId, Status status, List<DeliveryAttempt> attempts,
    Optional<Instant> nextAttemptAt) {

  /** Delivery status. */
  public enum Status {
    /** Waiting for its next attempt. */
    PENDING,
    /** A 2xx arrived. */
    DELIVERED,
    /** Gave up: a non-retriable answer or the schedule ran out. */
    FAILED,
    /** The endpoint answered 410 Gone; it must be disabled. */
    ENDPOINT_DISABLED
  }

  /** Requires every field and copies the log. */
  public DeliveryState {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(endpointId, "endpointId");
    Objects.requireNonNull(status, "status");
    attempts = List.copyOf(attempts);
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
  }

  /**
   * Whether an attempt is due.
   *
   * @param now the current time
   * @return true when pending and the next attempt time has come
   */
  public boolean isDue(Instant now) {
    return status == Status.PENDING && nextAttemptAt.map(t -> !t.isAfter(now)).orElse(false);
  }
}
