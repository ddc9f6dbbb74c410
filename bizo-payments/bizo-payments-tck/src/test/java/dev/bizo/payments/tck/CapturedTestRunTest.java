package dev.bizo.payments.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class CapturedTestRunTest {

  static final String LEAKED = "sk_leaked_4f9a";

  /** Run only through CapturedTestRun: logs a "secret" on both channels and fails once. */
  static class LeakyGatewayChecks {
    @Test
    void logs_at_debug_through_slf4j() {
      LoggerFactory.getLogger("dev.bizo.leaky").debug("acme PURCHASE with key {}", LEAKED);
    }

    @Test
    void logs_through_java_util_logging() {
      java.util.logging.Logger.getLogger("com.acme.sdk").warning("retrying after 503");
    }

    @Test
    void fails() {
      throw new AssertionError("expected failure");
    }
  }

  @Test
  void captures_debug_lines_of_the_named_loggers_and_jul_and_counts_outcomes() {
    CapturedTestRun run = CapturedTestRun.of(List.of("dev.bizo"), LeakyGatewayChecks.class);

    assertThat(run.succeeded()).isEqualTo(2);
    assertThat(run.failures()).isEqualTo(1);
    assertThat(run.toString()).contains("expected failure");
    assertThat(run.lines()).anyMatch(l -> l.contains("acme PURCHASE with key " + LEAKED));
    assertThat(run.lines()).anyMatch(l -> l.contains("retrying after 503"));
    assertThat(run.linesContainingAnyOf(List.of(LEAKED))).hasSize(1);
    assertThat(run.linesContainingAnyOf(List.of("never-logged"))).isEmpty();
  }

  @Test
  void restores_logger_levels_after_the_run() {
    ch.qos.logback.classic.Logger ours = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.bizo");
    ch.qos.logback.classic.Level before = ours.getLevel();

    CapturedTestRun.of(List.of("dev.bizo"), LeakyGatewayChecks.class);

    assertThat(ours.getLevel()).isEqualTo(before);
  }

  @Test
  void refuses_secrets_too_short_to_search_for_meaningfully() {
    CapturedTestRun run = CapturedTestRun.of(List.of(), LeakyGatewayChecks.class);

    assertThatThrownBy(() -> run.linesContainingAnyOf(List.of("ab"))).isInstanceOf(IllegalArgumentException.class);
  }
}
