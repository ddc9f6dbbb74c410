package dev.bizo.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventuallyTest {

  @Test
  void until_returns_the_first_reading_that_is_done() throws Exception {
    AtomicInteger readings = new AtomicInteger();
    int reading = Eventually.until(Duration.ofSeconds(5), Duration.ofMillis(1), "three readings", readings::incrementAndGet, n -> n == 3);
    assertThat(reading).isEqualTo(3);
    assertThat(readings).hasValue(3);
  }

  @Test
  void until_fails_naming_what_it_awaited_and_the_last_reading() {
    assertThatThrownBy(() -> Eventually.until(Duration.ofMillis(50), Duration.ofMillis(5), "the status is done", () -> "PENDING", "DONE"::equals))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("the status is done")
        .hasMessageContaining("last reading: PENDING");
  }

  @Test
  void until_ends_at_once_with_what_the_probe_threw() {
    AtomicInteger readings = new AtomicInteger();
    assertThatThrownBy(() -> Eventually.until(Duration.ofSeconds(5), Duration.ofMillis(1), "never", () -> {
      readings.incrementAndGet();
      throw new IOException("refused");
    }, r -> true)).isInstanceOf(IOException.class).hasMessage("refused");
    assertThat(readings).hasValue(1);
  }

  @Test
  void within_fails_naming_what_it_awaited() {
    assertThatThrownBy(() -> Eventually.within(Duration.ofMillis(30), "a condition that never holds", () -> false))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("a condition that never holds");
  }

  @Test
  void a_probe_that_throws_nothing_checked_needs_only_interrupted_exception_declared() throws InterruptedException {
    AtomicInteger readings = new AtomicInteger();
    assertThat(Eventually.until(Duration.ofSeconds(5), Duration.ZERO, "two readings", readings::incrementAndGet, n -> n == 2)).isEqualTo(2);
  }

  @Test
  void a_wait_aborts_at_once_with_its_reason_when_what_it_waits_on_is_gone() {
    AtomicInteger readings = new AtomicInteger();
    long start = System.nanoTime();
    assertThatThrownBy(() -> Eventually.waiting(Duration.ofMinutes(5), "the child answers")
        .every(Duration.ofMillis(1))
        .abortWhen(() -> readings.get() == 3, () -> "the child exited with 1 after " + readings.get() + " readings:\nits last output")
        .until(readings::incrementAndGet, n -> false))
        .isInstanceOf(AssertionError.class)
        .hasMessage("the child exited with 1 after 3 readings:\nits last output");
    assertThat(readings).as("no reading after the abort condition held").hasValue(3);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("long before the 5 min timeout").isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void the_abort_condition_is_checked_before_the_first_reading() {
    AtomicInteger readings = new AtomicInteger();
    assertThatThrownBy(() -> Eventually.waiting(Duration.ofSeconds(5), "never read")
        .abortWhen(() -> true, () -> "gone before it started")
        .lastReading(readings::incrementAndGet, n -> true))
        .isInstanceOf(AssertionError.class)
        .hasMessage("gone before it started");
    assertThat(readings).hasValue(0);
  }

  @Test
  void a_timeout_detail_is_added_to_the_failure_on_a_line_of_its_own() {
    AtomicInteger built = new AtomicInteger();
    assertThatThrownBy(() -> Eventually.waiting(Duration.ofMillis(30), "the status is done")
        .every(Duration.ofMillis(5))
        .describingTimeout(() -> "log tail #" + built.incrementAndGet())
        .until(() -> "PENDING", "DONE"::equals))
        .isInstanceOf(AssertionError.class)
        .hasMessage("not within PT0.03S: the status is done; last reading: PENDING\nlog tail #1");
    assertThat(built).as("built once, when the wait failed").hasValue(1);
  }

  @Test
  void last_reading_returns_the_reading_taken_when_time_ran_out_instead_of_failing() throws InterruptedException {
    AtomicInteger readings = new AtomicInteger();
    int last = Eventually.waiting(Duration.ofMillis(50), "a count that is never done")
        .every(Duration.ofMillis(5))
        .lastReading(readings::incrementAndGet, n -> false);
    assertThat(last).isEqualTo(readings.get()).isGreaterThan(1);
  }

  @Test
  void last_reading_returns_the_awaited_reading_as_soon_as_it_comes() throws InterruptedException {
    AtomicInteger readings = new AtomicInteger();
    assertThat(Eventually.waiting(Duration.ofMinutes(5), "the third reading").every(Duration.ofMillis(1))
        .lastReading(readings::incrementAndGet, n -> n == 3)).isEqualTo(3);
    assertThat(readings).hasValue(3);
  }

  @Test
  void backing_off_pauses_one_step_longer_after_each_reading_up_to_the_maximum() {
    Eventually.Wait wait = Eventually.waiting(Duration.ofSeconds(90), "a payment is answered")
        .backingOff(Duration.ofMillis(200), Duration.ofSeconds(2));
    assertThat(wait.pauseAfter(1)).isEqualTo(Duration.ofMillis(200));
    assertThat(wait.pauseAfter(2)).isEqualTo(Duration.ofMillis(400));
    assertThat(wait.pauseAfter(10)).isEqualTo(Duration.ofSeconds(2));
    assertThat(wait.pauseAfter(11)).isEqualTo(Duration.ofSeconds(2));
    assertThat(Eventually.waiting(Duration.ofSeconds(1), "x").pauseAfter(7)).as("the default pace").isEqualTo(Eventually.POLL);
  }

  @Test
  void a_negative_pace_is_refused_and_settings_leave_the_wait_they_came_from_unchanged() {
    Eventually.Wait wait = Eventually.waiting(Duration.ofSeconds(1), "x");
    assertThatThrownBy(() -> wait.every(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> wait.backingOff(Duration.ofMillis(-1), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    wait.every(Duration.ofSeconds(3));
    assertThat(wait.pauseAfter(1)).isEqualTo(Eventually.POLL);
  }
}
