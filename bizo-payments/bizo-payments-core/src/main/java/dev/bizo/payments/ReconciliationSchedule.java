package dev.bizo.payments;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When to ask a gateway again about an UNKNOWN or stale PENDING transaction: a pure function of the last
 * attempt, the number of attempts made and a clock.
 *
 * <p>The {@link #standard()} schedule waits 1 minute, 5 minutes, 1 hour, then a day five times, then gives
 * up (the transaction then needs a person). Each delay counts from the previous attempt, the first from
 * when the transaction became UNKNOWN or PENDING.
 *
 * <pre>{@code
 * if (schedule.isDue(tx.updatedAt(), attempts, clock)) { ... gateway.fetchStatus(...) ... }
 * }</pre>
 */
public final class ReconciliationSchedule {

  private static final ReconciliationSchedule STANDARD = new ReconciliationSchedule(List.of(
      Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofHours(1),
      Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(1)));

  private final List<Duration> delays;

  private ReconciliationSchedule(List<Duration> delays) {
    this.delays = List.copyOf(delays);
  }

  /** 1 min, 5 min, 1 h, then daily for 5 days, then give up. */
  public static ReconciliationSchedule standard() {
    return STANDARD;
  }

  /**
   * A custom schedule.
   *
   * @param delays the wait before each attempt, each from the previous one; positive, at least one
   */
  public static ReconciliationSchedule of(List<Duration> delays) {
    Objects.requireNonNull(delays, "delays");
    if (delays.isEmpty() || delays.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
      throw new IllegalArgumentException("A schedule has at least one positive delay: " + delays);
    }
    return new ReconciliationSchedule(delays);
  }

  /** The wait before each attempt. */
  public List<Duration> delays() {
    return delays;
  }

  /** How many attempts the schedule makes before giving up. */
  public int maxAttempts() {
    return delays.size();
  }

  /**
   * When the next attempt is due.
   *
   * @param since the previous attempt, or when the transaction became UNKNOWN/PENDING if none yet
   * @param attemptsMade attempts already made
   * @return empty when the schedule is exhausted
   */
  public Optional<Instant> nextAttemptAt(Instant since, int attemptsMade) {
    Objects.requireNonNull(since, "since");
    if (attemptsMade < 0) {
      throw new IllegalArgumentException("attemptsMade is not negative: " + attemptsMade);
    }
    if (isExhausted(attemptsMade)) {
      return Optional.empty();
    }
    return Optional.of(since.plus(delays.get(attemptsMade)));
  }

  /** Whether an attempt is due now, by {@code clock}; never once exhausted. */
  public boolean isDue(Instant since, int attemptsMade, Clock clock) {
    Objects.requireNonNull(clock, "clock");
    return nextAttemptAt(since, attemptsMade).map(at -> !clock.instant().isBefore(at)).orElse(false);
  }

  /** Whether every attempt has been made: stop and flag for a person. */
  public boolean isExhausted(int attemptsMade) {
    return attemptsMade >= delays.size();
  }

  @Override
  public String toString() {
    return "ReconciliationSchedule" + delays;
  }
}
