package dev.bizo.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
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
 *
 * <p>Waits on a separate process, or waits that report before they assert, start from {@link #waiting}:
 *
 * <pre>{@code
 * HttpResponse<String> ready = Eventually.waiting(Duration.ofMinutes(4), "the server is ready")
 *     .every(Duration.ofMillis(250))
 *     .abortWhen(() -> !process.isAlive(), () -> "the server exited before it was ready:\n" + logTail())
 *     .describingTimeout(() -> logTail())
 *     .until(() -> readiness(), r -> r != null && r.statusCode() == 200);
 * long left = Eventually.waiting(Duration.ofMinutes(2), "every event delivered")
 *     .every(Duration.ofMillis(500))
 *     .lastReading(() -> undeliveredCount(), n -> n == 0);   // asserted later, after the report
 * }</pre>
 */
public final class Eventually {

  /** How long to wait between two checks unless told otherwise. */
  public static final Duration POLL = Duration.ofMillis(10);

  private Eventually() {}

  /**
   * Something to poll, such as a request to a server under test, that may throw; an exception ends the wait
   * at once and reaches the caller as it is.
   *
   * @param <T> what it returns
   * @param <X> what it may throw, inferred from the lambda ({@link RuntimeException} when it throws nothing
   *     checked), so a caller declares only what its probe really throws
   */
  @FunctionalInterface
  public interface Probe<T, X extends Exception> {

    /** Takes one reading. */
    T get() throws X;
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
   * @throws AssertionError when the probe returned nothing until {@code timeout}, or the wait was interrupted
   */
  public static <T> T value(Duration timeout, String what, Supplier<Optional<T>> probe) {
    Objects.requireNonNull(probe, "probe");
    try {
      return waiting(timeout, what).poll(probe::get, Optional::isPresent, Ending.FAIL_WITHOUT_READING).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting: " + what, e);
    }
  }

  /**
   * Polls {@code probe} every {@code poll} until {@code done} holds for what it returned, for waits on
   * something slower or costlier to ask than an in-process condition (a server's API, a log). The same as
   * {@code waiting(timeout, what).every(poll).until(probe, done)}.
   *
   * @param timeout the longest wait
   * @param poll how long to wait between two readings
   * @param what what is awaited, for the failure message
   * @param probe takes one reading; its exceptions end the wait and are rethrown
   * @param done whether a reading is the one awaited
   * @param <T> the reading's type
   * @param <X> what {@code probe} may throw
   * @return the first reading for which {@code done} held
   * @throws AssertionError naming {@code what} and the last reading when none did until {@code timeout}
   * @throws X what {@code probe} threw
   * @throws InterruptedException when interrupted between two readings
   */
  public static <T, X extends Exception> T until(Duration timeout, Duration poll, String what, Probe<T, X> probe,
      Predicate<? super T> done) throws X, InterruptedException {
    return waiting(timeout, what).every(poll).until(probe, done);
  }

  /**
   * Starts describing a wait that needs more than {@link #until}: a pace that backs off, an early end when
   * what it waits on can no longer get there (a child process that died), more detail in the timeout's
   * message, or the last reading instead of a failure.
   *
   * @param timeout the longest wait; zero or less takes one reading
   * @param what what is awaited, for the failure message
   * @return a wait polling every {@link #POLL}, with no abort condition and no extra timeout detail
   */
  public static Wait waiting(Duration timeout, String what) {
    return new Wait(timeout, what, attempt -> POLL, null, null, null);
  }

  /** What the poll loop does when the deadline passes. */
  private enum Ending {
    FAIL_WITH_READING,
    FAIL_WITHOUT_READING,
    RETURN_READING
  }

  /**
   * A wait being described: immutable, each setting returns a new {@code Wait}. Readings are taken until the
   * awaited one comes or {@code timeout} passes; between two readings the wait pauses as set (the last reading
   * may come up to one pause after the deadline, as in a hand-written {@code while} loop).
   */
  public static final class Wait {

    private final Duration timeout;
    private final String what;
    private final IntFunction<Duration> pause;
    private final BooleanSupplier abortWhen;
    private final Supplier<String> abortReason;
    private final Supplier<String> timeoutDetail;

    private Wait(Duration timeout, String what, IntFunction<Duration> pause, BooleanSupplier abortWhen,
        Supplier<String> abortReason, Supplier<String> timeoutDetail) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      this.what = Objects.requireNonNull(what, "what");
      this.pause = pause;
      this.abortWhen = abortWhen;
      this.abortReason = abortReason;
      this.timeoutDetail = timeoutDetail;
    }

    /**
     * Pauses {@code poll} between two readings.
     *
     * @param poll zero for a probe that blocks by itself (e.g. a queue's {@code poll(timeout)})
     * @return this wait with that pace
     */
    public Wait every(Duration poll) {
      Duration pace = nonNegative(poll, "poll");
      return new Wait(timeout, what, attempt -> pace, abortWhen, abortReason, timeoutDetail);
    }

    /**
     * Pauses longer after each reading: {@code step} after the first, twice {@code step} after the second and
     * so on, never more than {@code max}; for retries against a server that is recovering.
     *
     * @param step the pause after the first reading, added again after each further one
     * @param max the longest pause
     * @return this wait with that pace
     */
    public Wait backingOff(Duration step, Duration max) {
      Duration first = nonNegative(step, "step");
      Duration longest = nonNegative(max, "max");
      return new Wait(timeout, what, attempt -> {
        Duration grown = first.multipliedBy(attempt);
        return grown.compareTo(longest) > 0 ? longest : grown;
      }, abortWhen, abortReason, timeoutDetail);
    }

    /**
     * Ends the wait at once, failing, when {@code gone} holds before a reading: for a wait on something that
     * can no longer get there, such as a child process that exited, instead of polling it until the deadline.
     *
     * @param gone checked before each reading; must not block long
     * @param reason the failure message, built when the wait aborts (e.g. with the process's exit code and
     *     the tail of its output)
     * @return this wait with that abort condition
     */
    public Wait abortWhen(BooleanSupplier gone, Supplier<String> reason) {
      return new Wait(timeout, what, pause, Objects.requireNonNull(gone, "gone"), Objects.requireNonNull(reason, "reason"),
          timeoutDetail);
    }

    /**
     * Adds {@code detail} on a line of its own to the timeout's failure message, built only when the wait
     * fails: e.g. the tail of a server's log.
     *
     * @param detail what to add
     * @return this wait with that detail
     */
    public Wait describingTimeout(Supplier<String> detail) {
      return new Wait(timeout, what, pause, abortWhen, abortReason, Objects.requireNonNull(detail, "detail"));
    }

    /**
     * Polls {@code probe} until {@code done} holds for what it returned.
     *
     * @param probe takes one reading; its exceptions end the wait and are rethrown
     * @param done whether a reading is the one awaited
     * @param <T> the reading's type
     * @param <X> what {@code probe} may throw
     * @return the first reading for which {@code done} held
     * @throws AssertionError naming what was awaited and the last reading (and the timeout detail, if set)
     *     when none did until the timeout; or the abort reason when the abort condition held
     * @throws X what {@code probe} threw
     * @throws InterruptedException when interrupted between two readings
     */
    public <T, X extends Exception> T until(Probe<T, X> probe, Predicate<? super T> done) throws X, InterruptedException {
      return poll(probe, done, Ending.FAIL_WITH_READING);
    }

    /**
     * Polls {@code probe} until {@code done} holds for what it returned or the timeout passes, and returns the
     * last reading either way: for a test that reports what it saw before it asserts on it, or whose work goes
     * on when the wait runs out.
     *
     * @param probe takes one reading; its exceptions end the wait and are rethrown
     * @param done whether a reading is the one awaited
     * @param <T> the reading's type
     * @param <X> what {@code probe} may throw
     * @return the first reading for which {@code done} held, else the last one taken
     * @throws AssertionError with the abort reason when the abort condition held
     * @throws X what {@code probe} threw
     * @throws InterruptedException when interrupted between two readings
     */
    public <T, X extends Exception> T lastReading(Probe<T, X> probe, Predicate<? super T> done) throws X, InterruptedException {
      return poll(probe, done, Ending.RETURN_READING);
    }

    /** The pause after reading number {@code attempt} (from 1). */
    Duration pauseAfter(int attempt) {
      return pause.apply(attempt);
    }

    private <T, X extends Exception> T poll(Probe<T, X> probe, Predicate<? super T> done, Ending ending)
        throws X, InterruptedException {
      Objects.requireNonNull(probe, "probe");
      Objects.requireNonNull(done, "done");
      long deadline = System.nanoTime() + timeout.toNanos();
      for (int attempt = 1; ; attempt++) {
        if (abortWhen != null && abortWhen.getAsBoolean()) {
          throw new AssertionError(abortReason.get());
        }
        T reading = probe.get();
        if (done.test(reading)) {
          return reading;
        }
        if (System.nanoTime() - deadline >= 0) {
          if (ending == Ending.RETURN_READING) {
            return reading;
          }
          throw new AssertionError("not within " + timeout + ": " + what
              + (ending == Ending.FAIL_WITH_READING ? "; last reading: " + reading : "")
              + (timeoutDetail == null ? "" : "\n" + timeoutDetail.get()));
        }
        Thread.sleep(pauseAfter(attempt).toMillis());
      }
    }

    private static Duration nonNegative(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " is negative: " + d);
      }
      return d;
    }
  }
}
