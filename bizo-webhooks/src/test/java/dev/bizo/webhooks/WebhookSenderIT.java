package dev.bizo.webhooks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.bizo.core.http.SsrfGuard;
import dev.bizo.testkit.MutableClock;
import dev.bizo.webhooks.testing.StandardWebhooksVerifier;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real local receiver (WireMock) gets signed POSTs from the sender. */
class WebhookSenderIT {

  private WireMockServer receiver;
  private final MutableClock clock = MutableClock.startingAtNewYear();
  private final WebhookSecret secret = WebhookSecret.generate();
  private WebhookDelivery delivery;
  private WebhookEndpoint endpoint;

  @BeforeEach
  void start() {
    receiver = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    receiver.start();
    SsrfGuard testGuard = SsrfGuard.builder().allowHost("127.0.0.1").build();
    delivery = new WebhookDelivery(DeliveryPolicy.STANDARD, new WebhookSender(testGuard, Duration.ofSeconds(10)),
        clock, new SplittableRandom(3));
    endpoint = WebhookEndpoint.of("ep_1", URI.create("http://127.0.0.1:" + receiver.port() + "/webhook/bizo"), secret)
        .withStaticHeader("X-N8N-Auth", "n8n-shared-token");
  }

  @AfterEach
  void stop() {
    receiver.stop();
  }

  @Test
  void receiver_gets_a_signed_post_with_the_static_header() throws Exception {
    receiver.stubFor(post(urlEqualTo("/webhook/bizo")).willReturn(aResponse().withStatus(200)));
    WebhookMessage message = WebhookMessage.create("lead.created", clock.instant(), "{\"leadId\":\"L-1\"}");

    DeliveryState state = delivery.attempt(delivery.start(message, endpoint), endpoint, message);

    assertThat(state.status()).isEqualTo(DeliveryState.Status.DELIVERED);
    LoggedRequest request = receiver.findAll(postRequestedFor(urlEqualTo("/webhook/bizo"))).get(0);
    assertThat(request.getHeader("X-N8N-Auth")).isEqualTo("n8n-shared-token");
    assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(request.getBodyAsString()).isEqualTo("{\"leadId\":\"L-1\"}");
    Map<String, String> headers = Map.of(
        "webhook-id", request.getHeader("webhook-id"),
        "webhook-timestamp", request.getHeader("webhook-timestamp"),
        "webhook-signature", request.getHeader("webhook-signature"));
    assertThat(headers.get("webhook-id")).isEqualTo(message.id());
    assertThat(StandardWebhooksVerifier.verify(secret.encoded(), headers, request.getBodyAsString(),
        clock.instant().getEpochSecond())).isTrue();
  }

  @Test
  void server_errors_and_throttling_are_retried_until_delivered() {
    receiver.stubFor(post(urlEqualTo("/webhook/bizo")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
        .willSetStateTo("throttled").willReturn(aResponse().withStatus(503)));
    receiver.stubFor(post(urlEqualTo("/webhook/bizo")).inScenario("flaky").whenScenarioStateIs("throttled")
        .willSetStateTo("ok").willReturn(aResponse().withStatus(429)));
    receiver.stubFor(post(urlEqualTo("/webhook/bizo")).inScenario("flaky").whenScenarioStateIs("ok")
        .willReturn(aResponse().withStatus(202)));
    WebhookMessage message = WebhookMessage.create("payment.failed", clock.instant(), "{}");

    DeliveryState state = delivery.attempt(delivery.start(message, endpoint), endpoint, message);
    assertThat(state.status()).isEqualTo(DeliveryState.Status.PENDING);
    assertThat(delivery.attempt(state, endpoint, message)).isSameAs(state);
    clock.set(state.nextAttemptAt().orElseThrow());
    state = delivery.attempt(state, endpoint, message);
    assertThat(state.status()).isEqualTo(DeliveryState.Status.PENDING);
    clock.set(state.nextAttemptAt().orElseThrow());
    state = delivery.attempt(state, endpoint, message);

    assertThat(state.status()).isEqualTo(DeliveryState.Status.DELIVERED);
    assertThat(state.attempts()).extracting(a -> a.response().status().getAsInt()).containsExactly(503, 429, 202);
    receiver.verify(3, postRequestedFor(urlEqualTo("/webhook/bizo")).withHeader("webhook-id", equalTo(message.id())));
  }

  @Test
  void gone_disables_the_endpoint() {
    receiver.stubFor(post(urlEqualTo("/webhook/bizo")).willReturn(aResponse().withStatus(410)));
    WebhookMessage message = WebhookMessage.create("lead.created", clock.instant(), "{}");

    DeliveryState state = delivery.attempt(delivery.start(message, endpoint), endpoint, message);

    assertThat(state.status()).isEqualTo(DeliveryState.Status.ENDPOINT_DISABLED);
  }

  @Test
  void a_slow_receiver_times_out_and_is_retried() {
    receiver.stubFor(post(urlEqualTo("/webhook/bizo")).willReturn(aResponse().withStatus(200).withFixedDelay(3000)));
    WebhookMessage message = WebhookMessage.create("lead.created", clock.instant(), "{}");
    WebhookDelivery impatient = new WebhookDelivery(
        new DeliveryPolicy(DeliveryPolicy.STANDARD.delays(), 0.2, Duration.ofMillis(800)),
        new WebhookSender(SsrfGuard.builder().allowHost("127.0.0.1").build(), Duration.ofSeconds(10)), clock,
        new SplittableRandom(3));

    DeliveryState state = impatient.attempt(impatient.start(message, endpoint), endpoint, message);

    assertThat(state.status()).isEqualTo(DeliveryState.Status.PENDING);
    assertThat(state.attempts()).singleElement().satisfies(a -> {
      assertThat(a.response().status()).isEmpty();
      assertThat(a.response().error()).hasValueSatisfying(e -> assertThat(e).contains("timed out"));
    });
  }
}
