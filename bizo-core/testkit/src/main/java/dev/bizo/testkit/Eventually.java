package dev.bizo.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for something asynchronous by polling with a deadline, never by a blind sleep: returns as soon as the
 * condition holds, fails with a message naming what was awaited once the deadline passes.
 *
 * <pre>{@code
 * Duration took = Eventually.within(Duration.ofSeconds(5), "the receiver got the event", () -> receiver.count() == 1);
 * Lead lead = Eventually.value(Duration.ofSeconds(5), "the lead is indexed", () -> index.find(id));
 * }</pre>
 */
public final class Eventually {

  /** How long to wait between two checks. */
  public static final Duration POLL = Duration.ofMillis(10);

  private Eventually() {}

  /**
   * Polls {@code condition} until it holds.
   *
   * @param timeout the longest wait
   * @param what what is awaited, for the failure message
   * @param condition checked every {@link #POLL}; must not block long
   * @return how long it took until the condition held
   * @throws AssertionError when the condition still does not hold after {@code timeout}
   */
  public static Duration within(Duration timeout, String what, BooleanSupplier condition) {
    Objects.requireNonNull(condition, "condition");
    long start = System.nanoTime();
    value(timeout, what, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /**
   * Polls {@code probe} until it returns a value.
   *
   * @param timeout the longest wait
   * @param what what is awaited, for the failure message
   * @param probe checked every {@link #POLL}; must not block long
   * @param <T> the value's type
   * @return the first value the probe returned
   * @throws AssertionError when the probe returned nothing until {@code timeout}
   */
  public static <T> T value(Duration timeout, String what, Supplier<Optional<T>> probe) {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(what, "what");
    Objects.requireNonNull(probe, "probe");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<T> found = probe.get();
      if (found.isPresent()) {
        return found.get();
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new AssertionError("not within " + timeout + ": " + what);
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting: " + what, e);
      }
    }
  }
}
