package dev.bizo.payments.razorpay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.payments.tck.CapturedTestRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the whole TCK and the Razorpay tests with every log captured (logback on the root logger, our own
 * loggers at DEBUG, and java.util.logging for SDK output) and checks no secret appears anywhere.
 */
class RazorpaySecretsNeverLoggedTest {

  @Test
  void no_secret_reaches_a_log_during_a_full_run() {
    CapturedTestRun run = CapturedTestRun.of(List.of("dev.bizo"), RazorpayGatewayTckTest.class, RazorpayGatewayTest.class, RazorpaySignaturesTest.class);

    assertThat(run.failures()).as(run.toString()).isZero();
    assertThat(run.succeeded()).isGreaterThanOrEqualTo(35);
    assertThat(run.lines()).as("the run logged our debug lines").anyMatch(l -> l.startsWith("razorpay PURCHASE"));
    String basic = RazorpayStubs.BASIC.substring("Basic ".length());
    assertThat(run.linesContainingAnyOf(List.of(RazorpayStubs.KEY_SECRET, basic, RazorpayGatewayTckTest.WEBHOOK_SECRET,
        "webhook_secret_for_signatures", "key_secret_for_signatures"))).as("log lines containing a secret").isEmpty();
  }
}
