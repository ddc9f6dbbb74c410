package dev.example.acmepay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.bizo.core.Money;
import dev.bizo.payments.spi.GatewayCredentials;
import dev.bizo.payments.spi.GatewayOperation;
import dev.bizo.payments.spi.GatewayResult;
import dev.bizo.payments.spi.GatewayResult.Outcome;
import dev.bizo.payments.spi.IdempotencyKey;
import dev.bizo.payments.spi.PaymentMethod;
import dev.bizo.payments.spi.PaymentRequest;
import dev.bizo.payments.spi.ReceivedHeaders;
import dev.bizo.payments.spi.StatusRequest;
import dev.bizo.payments.spi.WebhookEvent;
import dev.bizo.payments.spi.WebhookEventType;
import dev.bizo.payments.spi.WebhookRejectedException;
import dev.bizo.payments.spi.WebhookRequest;
import dev.bizo.payments.tck.TestWebhook;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Acme Pay behaviour beyond the contract: its own status codes, lookups by key, secret rotation, refund events. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AcmePayGatewayTest {

  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final Money AMOUNT = Money.of("49.90", "EUR");

  private final WireMockServer api = new WireMockServer(WireMockConfiguration.options().dynamicPort());
  private AcmePayGateway gateway;

  @BeforeAll
  void start() {
    api.start();
    gateway = AcmePayGateway.builder().apiBase(URI.create("http://127.0.0.1:" + api.port()))
        .timeouts(Duration.ofSeconds(5)).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
  }

  @AfterAll
  void stop() {
    api.stop();
  }

  @BeforeEach
  void reset() {
    api.resetAll();
  }

  @Test
  void a_key_still_being_worked_on_is_unknown() {
    api.stubFor(post("/v1/charges").willReturn(aResponse().withStatus(409)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"code\":\"idempotency_key_in_use\",\"message\":\"A request with this key is running\"}}")));

    GatewayResult result = gateway.purchase(payment());

    assertThat(result.outcome()).isEqualTo(Outcome.UNKNOWN);
    assertThat(result.message()).hasValueSatisfying(m -> assertThat(m).contains("409"));
  }

  @Test
  void a_rejected_request_is_declined_with_acme_pays_error_code() {
    api.stubFor(post("/v1/charges").willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"code\":\"invalid_source\",\"message\":\"No such source\"}}")));

    GatewayResult result = gateway.purchase(payment());

    assertThat(result.outcome()).isEqualTo(Outcome.DECLINED);
    assertThat(result.declineCode()).contains("invalid_source");
    assertThat(result.message()).contains("No such source");
  }

  @Test
  void without_a_reference_the_status_is_looked_up_by_the_idempotency_key() {
    IdempotencyKey key = IdempotencyKey.of("order-7-pay");
    api.stubFor(get("/v1/requests/order-7-pay").willReturn(okJson(
        "{\"object\":\"charge\",\"id\":\"ch_7\",\"status\":\"captured\",\"amount\":4990,\"amount_captured\":4990,"
            + "\"currency\":\"EUR\"}")));

    GatewayResult status = gateway.fetchStatus(
        new StatusRequest(credentials(), key, GatewayOperation.PURCHASE, Optional.empty(), AMOUNT));

    assertThat(status).isEqualTo(GatewayResult.success("ch_7", AMOUNT));
    api.verify(getRequestedFor(urlEqualTo("/v1/requests/order-7-pay")));
  }

  @Test
  void a_key_acme_pay_never_received_is_a_decline() {
    api.stubFor(get("/v1/requests/order-8-pay").willReturn(aResponse().withStatus(404)
        .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"code\":\"not_found\"}}")));

    GatewayResult status = gateway.fetchStatus(new StatusRequest(
        credentials(), IdempotencyKey.of("order-8-pay"), GatewayOperation.PURCHASE, Optional.empty(), AMOUNT));

    assertThat(status.outcome()).isEqualTo(Outcome.DECLINED);
    assertThat(status.declineCode()).contains("not_received");
  }

  @Test
  void a_capture_that_has_not_happened_yet_is_unknown_not_declined() {
    api.stubFor(get("/v1/charges/ch_9").willReturn(okJson(
        "{\"id\":\"ch_9\",\"status\":\"authorized\",\"amount\":4990,\"amount_captured\":0,\"currency\":\"EUR\"}")));

    GatewayResult status = gateway.fetchStatus(new StatusRequest(
        credentials(), IdempotencyKey.random(), GatewayOperation.CAPTURE, Optional.of("ch_9"), AMOUNT));

    assertThat(status.outcome()).isEqualTo(Outcome.UNKNOWN);
    assertThat(status.gatewayReference()).contains("ch_9");
  }

  @Test
  void accepts_a_webhook_signed_with_the_previous_secret_while_rotating() {
    TestWebhook webhook = AcmePayWebhooks.signed("evt_1", "charge.captured", "ch_1", AMOUNT, "whsec_old", NOW);
    GatewayCredentials rotating = GatewayCredentials.of(Map.of(
        AcmePayGateway.API_KEY, "sk", AcmePayGateway.WEBHOOK_SECRET, "whsec_new",
        AcmePayGateway.PREVIOUS_WEBHOOK_SECRET, "whsec_old"));

    WebhookEvent event = gateway.verifyAndParseWebhook(request(webhook, rotating));

    assertThat(event.eventId()).isEqualTo("evt_1");
    assertThat(event.type()).isEqualTo(WebhookEventType.PAYMENT_CAPTURED);
  }

  @Test
  void rejects_a_webhook_signed_with_a_retired_secret() {
    TestWebhook webhook = AcmePayWebhooks.signed("evt_2", "charge.captured", "ch_1", AMOUNT, "whsec_old", NOW);

    WebhookRejectedException e = catchThrowableOfType(WebhookRejectedException.class,
        () -> gateway.verifyAndParseWebhook(request(webhook, credentials())));

    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo(WebhookRejectedException.SIGNATURE_INVALID);
  }

  @Test
  void a_refund_event_is_about_the_refund() {
    TestWebhook webhook = AcmePayWebhooks.signed("evt_3", "refund.succeeded", "re_5", Money.of("10.00", "EUR"),
        "whsec_new", NOW.minusSeconds(30));

    WebhookEvent event = gateway.verifyAndParseWebhook(request(webhook, credentials()));

    assertThat(event.type()).isEqualTo(WebhookEventType.PAYMENT_REFUNDED);
    assertThat(event.gatewayEventType()).isEqualTo("refund.succeeded");
    assertThat(event.gatewayReference()).contains("re_5");
    assertThat(event.amount()).contains(Money.of("10.00", "EUR"));
    assertThat(event.occurredAt()).isEqualTo(NOW.minusSeconds(30));
  }

  @Test
  void an_unknown_event_type_is_verified_but_marked_other() {
    TestWebhook webhook = AcmePayWebhooks.signed("evt_4", "payout.paid", "po_1", AMOUNT, "whsec_new", NOW);

    assertThat(gateway.verifyAndParseWebhook(request(webhook, credentials())).type())
        .isEqualTo(WebhookEventType.OTHER);
  }

  private static WebhookRequest request(TestWebhook webhook, GatewayCredentials credentials) {
    return WebhookRequest.of(webhook.body(), ReceivedHeaders.of(webhook.headers()), credentials);
  }

  private static GatewayCredentials credentials() {
    return GatewayCredentials.of(Map.of(AcmePayGateway.API_KEY, "sk", AcmePayGateway.WEBHOOK_SECRET, "whsec_new"));
  }

  private static PaymentRequest payment() {
    return PaymentRequest.builder()
        .credentials(credentials())
        .idempotencyKey(IdempotencyKey.random())
        .amount(AMOUNT)
        .paymentMethod(PaymentMethod.token("tok_acme_visa"))
        .build();
  }
}
