package dev.bizo.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconciliationScheduleTest {

  private final ReconciliationSchedule schedule = ReconciliationSchedule.standard();

  @Test
  void the_standard_schedule_is_one_minute_five_minutes_one_hour_then_daily_for_five_days() {
    assertThat(schedule.delays()).containsExactly(
        Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofHours(1),
        Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(1));
  }

  @Test
  void a_reconciler_driven_by_the_clock_attempts_at_exactly_the_scheduled_times_then_gives_up() {
    MutableClock clock = MutableClock.startingAtNewYear();
    Instant start = clock.instant();
    Instant last = start;
    int attempts = 0;
    List<Duration> attemptedAfterStart = new ArrayList<>();
    // poll every minute for seven days, as a janitor would
    for (int minute = 0; minute < 7 * 24 * 60; minute++) {
      if (schedule.isDue(last, attempts, clock)) {
        attempts++;
        last = clock.instant();
        attemptedAfterStart.add(Duration.between(start, last));
      }
      clock.advance(Duration.ofMinutes(1));
    }
    assertThat(attemptedAfterStart).containsExactly(
        Duration.ofMinutes(1), Duration.ofMinutes(6), Duration.ofMinutes(66),
        Duration.ofMinutes(66).plusDays(1), Duration.ofMinutes(66).plusDays(2), Duration.ofMinutes(66).plusDays(3),
        Duration.ofMinutes(66).plusDays(4), Duration.ofMinutes(66).plusDays(5));
    assertThat(schedule.isExhausted(attempts)).isTrue();
    assertThat(schedule.nextAttemptAt(last, attempts)).isEmpty();
  }

  @Test
  void is_not_due_one_second_early() {
    MutableClock clock = MutableClock.startingAtNewYear();
    Instant since = clock.instant();
    clock.advance(Duration.ofMinutes(5).minusSeconds(1));
    assertThat(schedule.isDue(since, 1, clock)).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(schedule.isDue(since, 1, clock)).isTrue();
  }

  @Test
  void custom_schedules_need_positive_delays() {
    assertThatThrownBy(() -> ReconciliationSchedule.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReconciliationSchedule.of(List.of(Duration.ZERO)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ReconciliationSchedule.of(List.of(Duration.ofSeconds(10))).maxAttempts()).isEqualTo(1);
  }
}
