package dev.bizo.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.core.http.SsrfGuard;
import dev.bizo.testkit.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WebhookDeliveryTest {

  private final MutableClock clock = MutableClock.startingAtNewYear();
  private final WebhookDelivery delivery = new WebhookDelivery(DeliveryPolicy.STANDARD,
      new WebhookSender(SsrfGuard.strict(), Duration.ofSeconds(1)), clock, new SplittableRandom(42));
  private final WebhookEndpoint endpoint = WebhookEndpoint.of("ep_1", URI.create("https://hooks.example/n8n"),
      WebhookSecret.generate());
  private final WebhookMessage message = WebhookMessage.create("payment.succeeded", clock.instant(), "{}");

  private static AttemptResponse status(int code) {
    return AttemptResponse.status(code, Duration.ofMillis(20));
  }

  @Test
  void standard_schedule_spans_about_three_days_with_bounded_jitter() {
    Duration total = DeliveryPolicy.STANDARD.delays().stream().reduce(Duration.ZERO, Duration::plus);

    assertThat(DeliveryPolicy.STANDARD.maxAttempts()).isEqualTo(10);
    assertThat(total).isBetween(Duration.ofHours(72), Duration.ofHours(76));
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 200; i++) {
      Duration d = DeliveryPolicy.STANDARD.delayAfter(4, random).orElseThrow();
      assertThat(d).isBetween(Duration.ofMinutes(96), Duration.ofMinutes(144));
    }
    assertThat(DeliveryPolicy.STANDARD.delayAfter(10, random)).isEmpty();
  }

  @Test
  void retries_follow_the_backoff_schedule_on_the_clock_until_it_is_exhausted() {
    DeliveryState state = delivery.start(message, endpoint);
    assertThat(state.isDue(clock.instant())).isTrue();

    for (int attempt = 1; attempt <= 9; attempt++) {
      Instant at = clock.instant();
      state = delivery.record(state, at, status(attempt % 2 == 0 ? 429 : 503));
      assertThat(state.status()).isEqualTo(DeliveryState.Status.PENDING);
      Duration wait = Duration.between(at, state.nextAttemptAt().orElseThrow());
      Duration base = DeliveryPolicy.STANDARD.delays().get(attempt - 1);
      assertThat(wait).isBetween(base.multipliedBy(8).dividedBy(10), base.multipliedBy(12).dividedBy(10));
      assertThat(state.isDue(clock.instant())).isFalse();
      clock.advance(wait.minusMillis(1));
      assertThat(state.isDue(clock.instant())).isFalse();
      clock.advance(Duration.ofMillis(1));
      assertThat(state.isDue(clock.instant())).isTrue();
    }
    state = delivery.record(state, clock.instant(), status(500));

    assertThat(state.status()).isEqualTo(DeliveryState.Status.FAILED);
    assertThat(state.attempts()).hasSize(10);
    assertThat(state.nextAttemptAt()).isEmpty();
  }

  @Test
  void gone_disables_the_endpoint_and_other_client_errors_fail_without_retry() {
    DeliveryState gone = delivery.record(delivery.start(message, endpoint), clock.instant(), status(410));
    DeliveryState badRequest = delivery.record(delivery.start(message, endpoint), clock.instant(), status(400));
    DeliveryState redirect = delivery.record(delivery.start(message, endpoint), clock.instant(), status(302));
    DeliveryState ok = delivery.record(delivery.start(message, endpoint), clock.instant(), status(204));
    DeliveryState timeout = delivery.record(delivery.start(message, endpoint), clock.instant(),
        AttemptResponse.error("timed out", Duration.ofSeconds(15)));

    assertThat(gone.status()).isEqualTo(DeliveryState.Status.ENDPOINT_DISABLED);
    assertThat(badRequest.status()).isEqualTo(DeliveryState.Status.FAILED);
    assertThat(redirect.status()).isEqualTo(DeliveryState.Status.FAILED);
    assertThat(ok.status()).isEqualTo(DeliveryState.Status.DELIVERED);
    assertThat(timeout.status()).isEqualTo(DeliveryState.Status.PENDING);
    assertThat(gone.attempts()).singleElement().extracting(DeliveryAttempt::verdict)
        .isEqualTo(DeliveryPolicy.Verdict.DISABLE);
  }

  @Test
  void unauthorised_forbidden_and_not_found_are_retried_because_the_receiver_owner_can_fix_them() {
    for (int code : new int[] {401, 403, 404}) {
      DeliveryState state = delivery.record(delivery.start(message, endpoint), clock.instant(), status(code));

      assertThat(state.status()).as("status %d", code).isEqualTo(DeliveryState.Status.PENDING);
      assertThat(state.nextAttemptAt()).as("status %d", code).isPresent();
      assertThat(state.attempts()).singleElement().extracting(DeliveryAttempt::verdict)
          .isEqualTo(DeliveryPolicy.Verdict.RETRY);
    }
  }

  @Test
  void endpoint_on_a_private_address_is_refused_and_never_retried() {
    WebhookEndpoint internal = WebhookEndpoint.of("ep_2", URI.create("http://169.254.169.254/latest"),
        WebhookSecret.generate());

    DeliveryState state = delivery.attempt(delivery.start(message, internal), internal, message);

    assertThat(state.status()).isEqualTo(DeliveryState.Status.FAILED);
    assertThat(state.attempts()).singleElement().satisfies(a -> {
      assertThat(a.response().refused()).isTrue();
      assertThat(a.response().error()).hasValueSatisfying(e -> assertThat(e).contains("link-local"));
    });
  }

  @Test
  void manual_redelivery_makes_a_failed_message_due_again_keeping_the_log() {
    DeliveryState failed = delivery.record(delivery.start(message, endpoint), clock.instant(), status(400));
    clock.advance(Duration.ofHours(1));

    DeliveryState again = delivery.redeliver(failed);

    assertThat(again.status()).isEqualTo(DeliveryState.Status.PENDING);
    assertThat(again.isDue(clock.instant())).isTrue();
    assertThat(again.attempts()).hasSize(1);
  }

  @Test
  void a_disabled_endpoint_gets_nothing_sent() {
    DeliveryState state = delivery.attempt(delivery.start(message, endpoint), endpoint.disabled(), message);

    assertThat(state.status()).isEqualTo(DeliveryState.Status.ENDPOINT_DISABLED);
    assertThat(state.attempts()).isEmpty();
  }
}
