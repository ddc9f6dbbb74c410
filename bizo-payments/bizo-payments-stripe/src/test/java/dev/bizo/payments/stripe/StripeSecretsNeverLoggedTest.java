package dev.bizo.payments.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.payments.tck.CapturedTestRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the whole TCK and the Stripe tests with every log captured (logback on the root logger, our own
 * loggers at DEBUG, and java.util.logging for SDK output) and checks no secret appears anywhere.
 */
class StripeSecretsNeverLoggedTest {

  @Test
  void no_secret_reaches_a_log_during_a_full_run() {
    CapturedTestRun run = CapturedTestRun.of(List.of("dev.bizo"), StripeGatewayTckTest.class, StripeGatewayTest.class, StripeWebhookTest.class);

    assertThat(run.failures()).as(run.toString()).isZero();
    assertThat(run.succeeded()).isGreaterThanOrEqualTo(40);
    assertThat(run.lines()).as("the run logged our debug lines").anyMatch(l -> l.startsWith("stripe PURCHASE"));
    assertThat(run.linesContainingAnyOf(List.of(StripeStubs.SECRET_KEY, StripeGatewayTckTest.WEBHOOK_SECRET, "whsec_current_R2d7",
        "whsec_previous_K9q1", "tckClientSecret"))).as("log lines containing a secret").isEmpty();
  }
}
