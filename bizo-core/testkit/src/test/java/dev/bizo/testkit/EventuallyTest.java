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
}
