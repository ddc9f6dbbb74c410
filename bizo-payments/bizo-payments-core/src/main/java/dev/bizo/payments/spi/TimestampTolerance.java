package dev.bizo.payments.spi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How far a signed webhook timestamp may be from now, in <em>both</em> directions: an old timestamp is a
 * replay, a future one a forged or badly skewed sender (stripe-java only checks age).
 *
 * @param tolerance the largest accepted distance from now, e.g. five minutes
 * @param clock the clock that says what now is; inject a fixed or mutable clock in tests
 */
public record TimestampTolerance(Duration tolerance, Clock clock) {

  /** The tolerance most gateways use: five minutes. */
  public static final Duration DEFAULT = Duration.ofMinutes(5);

  /** Validates the tolerance is positive. */
  public TimestampTolerance {
    Objects.requireNonNull(tolerance, "tolerance");
    Objects.requireNonNull(clock, "clock");
    if (tolerance.isNegative() || tolerance.isZero()) {
      throw new IllegalArgumentException("A tolerance is positive: " + tolerance);
    }
  }

  /** The default five minutes against {@code clock}. */
  public static TimestampTolerance fiveMinutes(Clock clock) {
    return new TimestampTolerance(DEFAULT, clock);
  }

  /**
   * Checks the timestamp is within the tolerance of now, inclusive.
   *
   * @throws WebhookRejectedException with code {@value WebhookRejectedException#TIMESTAMP_OUT_OF_TOLERANCE}
   */
  public void requireWithin(Instant timestamp) {
    Objects.requireNonNull(timestamp, "timestamp");
    Duration distance = Duration.between(clock.instant(), timestamp).abs();
    if (distance.compareTo(tolerance) > 0) {
      boolean future = timestamp.isAfter(clock.instant());
      throw new WebhookRejectedException(
          WebhookRejectedException.TIMESTAMP_OUT_OF_TOLERANCE,
          "The webhook timestamp is " + distance.toSeconds() + "s " + (future ? "in the future" : "old")
              + ", beyond the tolerance of " + tolerance.toSeconds() + "s");
    }
  }
}
