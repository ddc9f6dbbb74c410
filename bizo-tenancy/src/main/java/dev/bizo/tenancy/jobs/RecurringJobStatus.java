package dev.bizo.tenancy.jobs;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a recurring job stands, as recorded in the shared scheduler table (so every replica sees the same).
 *
 * @param name the job's name
 * @param nextRun when it is due next
 * @param running whether a replica is executing it now
 * @param lastSuccess the last run in which every tenant succeeded, if any
 * @param lastFailure the last run in which some tenant failed, if any
 * @param consecutiveFailures failed runs since the last fully successful one
 */
public record RecurringJobStatus(
    String name,
    Instant nextRun,
    boolean running,
    Optional<Instant> lastSuccess,
    Optional<Instant> lastFailure,
    int consecutiveFailures) {

  /** Validates the fields. */
  public RecurringJobStatus {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(nextRun, "nextRun");
    Objects.requireNonNull(lastSuccess, "lastSuccess");
    Objects.requireNonNull(lastFailure, "lastFailure");
    if (consecutiveFailures < 0) {
      throw new IllegalArgumentException("consecutiveFailures < 0");
    }
  }

  /** Whether the most recent run failed for at least one tenant. */
  public boolean failing() {
    return consecutiveFailures > 0;
  }
}
