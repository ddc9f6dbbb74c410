package dev.bizo.payments.spi;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampToleranceTest {

  private final MutableClock clock = MutableClock.startingAtNewYear();
  private final TimestampTolerance tolerance = TimestampTolerance.fiveMinutes(clock);

  @Test
  void accepts_timestamps_up_to_the_tolerance_in_both_directions() {
    Instant now = clock.instant();
    assertThatCode(() -> tolerance.requireWithin(now.minus(Duration.ofMinutes(5)))).doesNotThrowAnyException();
    assertThatCode(() -> tolerance.requireWithin(now.plus(Duration.ofMinutes(5)))).doesNotThrowAnyException();
  }

  @Test
  void rejects_stale_and_future_timestamps_one_second_beyond() {
    Instant now = clock.instant();
    assertThatThrownBy(() -> tolerance.requireWithin(now.minus(Duration.ofMinutes(5)).minusSeconds(1)))
        .isInstanceOf(WebhookRejectedException.class)
        .hasMessageContaining("old")
        .extracting("code").isEqualTo(WebhookRejectedException.TIMESTAMP_OUT_OF_TOLERANCE);
    assertThatThrownBy(() -> tolerance.requireWithin(now.plus(Duration.ofMinutes(5)).plusSeconds(1)))
        .isInstanceOf(WebhookRejectedException.class)
        .hasMessageContaining("future")
        .extracting("code").isEqualTo(WebhookRejectedException.TIMESTAMP_OUT_OF_TOLERANCE);
  }

  @Test
  void follows_the_injected_clock() {
    Instant signed = clock.instant();
    clock.advance(Duration.ofMinutes(6));
    assertThatThrownBy(() -> tolerance.requireWithin(signed)).isInstanceOf(WebhookRejectedException.class);
  }
}
