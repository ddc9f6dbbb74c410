package dev.bizo.payments.payu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.payments.tck.CapturedTestRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the whole TCK and the PayU tests with every log captured (logback on the root logger, our own
 * loggers at DEBUG, and java.util.logging for SDK output) and checks no secret appears anywhere.
 */
class PayUSecretsNeverLoggedTest {

  @Test
  void no_secret_reaches_a_log_during_a_full_run() {
    CapturedTestRun run = CapturedTestRun.of(List.of("dev.bizo"), PayUGatewayTckTest.class, PayUGatewayTest.class, PayUWebhookTest.class);

    assertThat(run.failures()).as(run.toString()).isZero();
    assertThat(run.succeeded()).isGreaterThanOrEqualTo(45);
    assertThat(run.lines()).as("the run logged our debug lines").anyMatch(l -> l.startsWith("payu PURCHASE verify_payment"));
    assertThat(run.linesContainingAnyOf(List.of(PayUStubs.SALT))).as("log lines containing a secret").isEmpty();
  }
}
