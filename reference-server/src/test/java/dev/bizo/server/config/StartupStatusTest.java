package dev.bizo.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.ConfigurationException;
import org.junit.jupiter.api.Test;

class StartupStatusTest {

  private final StartupStatus status = new StartupStatus();

  @Test
  void nothing_started_and_nothing_failed_at_first() {
    assertThat(status.hasStarted("database")).isFalse();
    assertThat(status.failure()).isEmpty();
    status.requireNoFailure("database");
  }

  @Test
  void a_started_component_is_reported_started() {
    status.started("database");
    assertThat(status.hasStarted("database")).isTrue();
    assertThat(status.hasStarted("jobs")).isFalse();
  }

  @Test
  void the_first_failure_is_the_reason_on_one_line_with_its_code() {
    status.failed("database", new ConfigurationException("embedded_database.start_failed", "did not start: port taken\n\tat somewhere"));
    status.failed("jobs", new IllegalStateException("no database"));

    assertThat(status.failure()).contains("database: embedded_database.start_failed did not start: port taken");
  }

  @Test
  void after_a_failure_nothing_starts_again() {
    status.failed("database", new IllegalStateException("disk full"));

    assertThatThrownBy(() -> status.requireNoFailure("database"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("database: IllegalStateException disk full")
        .extracting(e -> ((ConfigurationException) e).code())
        .isEqualTo("startup_failed");
  }

  @Test
  void a_long_reason_is_cut() {
    status.failed("database", new IllegalStateException("x".repeat(2000)));

    assertThat(status.failure().orElseThrow()).hasSize(StartupStatus.MAX_REASON_LENGTH).endsWith("…");
  }
}
