package dev.bizo.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for something asynchronous by polling with a deadline, never by a blind sleep: returns as soon as the
 * condition holds, fails with a message naming what was awaited once the deadline passes.
 *
 * <pre>{@code
 * Duration took = Eventually.within(Duration.ofSeconds(5), "the receiver got the event", () -> receiver.count() == 1);
 * Lead lead = Eventually.value(Duration.ofSeconds(5), "the lead is indexed", () -> index.find(id));
 * JsonNode job = Eventually.until(Duration.ofSeconds(60), Duration.ofMillis(200), "the import ends",
 *     () -> api.get("/imports/" + id), j -> j.path("state").asText().equals("COMPLETED"));
 * }</pre>
 */
public final class Eventually {

  /** How long to wait between two checks. */
  public static final Duration POLL = Duration.ofMillis(10);

  private Eventually() {}

  /**
   * Something to poll, such as a request to a server under test, that may throw; an exception ends the wait
   * at once and reaches the caller as it is.
   *
   * @param <T> what it returns
   */
  @FunctionalInterface
  public interface Probe<T> {

    /** Takes one reading. */
    T get() throws Exception;
  }

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

  /**
   * Polls {@code probe} every {@code poll} until {@code done} holds for what it returned, for waits on
   * something slower or costlier to ask than an in-process condition (a server's API, a log).
   *
   * @param timeout the longest wait
   * @param poll how long to wait between two readings
   * @param what what is awaited, for the failure message
   * @param probe takes one reading; its exceptions end the wait and are rethrown
   * @param done whether a reading is the one awaited
   * @param <T> the reading's type
   * @return the first reading for which {@code done} held
   * @throws AssertionError naming {@code what} and the last reading when none did until {@code timeout}
   * @throws Exception what {@code probe} threw
   */
  public static <T> T until(Duration timeout, Duration poll, String what, Probe<T> probe, Predicate<? super T> done)
      throws Exception {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(poll, "poll");
    Objects.requireNonNull(what, "what");
    Objects.requireNonNull(probe, "probe");
    Objects.requireNonNull(done, "done");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      T reading = probe.get();
      if (done.test(reading)) {
        return reading;
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new AssertionError("not within " + timeout + ": " + what + "; last reading: " + reading);
      }
      Thread.sleep(poll.toMillis());
    }
  }
}
