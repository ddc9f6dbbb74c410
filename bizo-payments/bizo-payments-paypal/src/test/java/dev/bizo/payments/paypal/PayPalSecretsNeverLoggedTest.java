package dev.bizo.payments.paypal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.payments.tck.CapturedTestRun;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the TCK and the PayPal tests with every log captured (logback on the root logger; our code, the
 * PayPal SDK, its apimatic runtime and OkHttp at DEBUG; java.util.logging too) and checks that neither the
 * client secret, nor the Basic credentials made from it, nor an access token appears anywhere.
 */
class PayPalSecretsNeverLoggedTest {

  private static final List<String> VERBOSE = List.of("dev.bizo", "com.paypal", "io.apimatic", "okhttp3");

  @Test
  void no_secret_or_token_reaches_a_log_during_a_full_run() {
    CapturedTestRun run = CapturedTestRun.of(VERBOSE, PayPalGatewayTckTest.class, PayPalGatewayTest.class, PayPalWebhookTest.class);

    assertThat(run.failures()).as(run.toString()).isZero();
    assertThat(run.succeeded()).isGreaterThanOrEqualTo(55);
    assertThat(run.lines()).as("the run logged our debug lines").anyMatch(l -> l.startsWith("paypal PURCHASE"));
    String basic = Base64.getEncoder().encodeToString(
        (PayPalStubs.CLIENT_ID + ":" + PayPalStubs.CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
    assertThat(run.linesContainingAnyOf(List.of(PayPalStubs.CLIENT_SECRET, PayPalStubs.ACCESS_TOKEN, basic))).as("log lines containing a secret").isEmpty();
  }
}
