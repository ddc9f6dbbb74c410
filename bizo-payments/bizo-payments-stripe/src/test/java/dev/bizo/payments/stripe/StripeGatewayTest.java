package dev.bizo.payments.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.bizo.core.ConfigurationException;
import dev.bizo.core.Money;
import dev.bizo.core.Providers;
import dev.bizo.payments.spi.CaptureRequest;
import dev.bizo.payments.spi.GatewayCredentials;
import dev.bizo.payments.spi.GatewayOperation;
import dev.bizo.payments.spi.GatewayResult;
import dev.bizo.payments.spi.GatewayResult.Outcome;
import dev.bizo.payments.spi.IdempotencyKey;
import dev.bizo.payments.spi.NextAction;
import dev.bizo.payments.spi.PaymentGateway;
import dev.bizo.payments.spi.PaymentMethod;
import dev.bizo.payments.spi.PaymentRequest;
import dev.bizo.payments.spi.RefundRequest;
import dev.bizo.payments.spi.StatusRequest;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Stripe specifics beyond the TCK: exact key forwarding, decline codes, 3-D Secure shapes, error mapping. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StripeGatewayTest {

  private static final Money EUR = Money.of("100.00", "EUR");
  private static final GatewayCredentials CREDENTIALS =
      GatewayCredentials.of(Map.of(StripeGateway.SECRET_KEY, StripeStubs.SECRET_KEY, StripeGateway.WEBHOOK_SECRET, "whsec_x"));

  private WireMockServer api;
  private StripeStubs stripe;
  private StripeGateway gateway;

  @BeforeAll
  void start() {
    api = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    api.start();
    stripe = new StripeStubs(api);
    gateway = StripeGateway.builder().apiBase(URI.create(api.baseUrl()))
        .connectTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofSeconds(10)).build();
  }

  @AfterAll
  void stop() {
    api.stop();
  }

  @BeforeEach
  void reset() {
    api.resetAll();
  }

  private static PaymentRequest payment(String key, Money amount) {
    return PaymentRequest.builder().credentials(CREDENTIALS).idempotencyKey(IdempotencyKey.of(key)).amount(amount)
        .paymentMethod(PaymentMethod.token("pm_card_visa")).returnUrl(URI.create("https://shop.example/return"))
        .build();
  }

  @Test
  void forwards_each_key_unchanged_as_idempotency_key_and_stores_it_on_the_intent() {
    stripe.authorized(EUR);
    stripe.captured(EUR, Money.of("40.00", "EUR"));
    stripe.refunded(Money.of("40.00", "EUR"));
    GatewayResult authorized = gateway.authorize(payment("order-7:authorize", EUR));
    gateway.capture(new CaptureRequest(CREDENTIALS, IdempotencyKey.of("order-7:capture"),
        authorized.gatewayReference().orElseThrow(), Money.of("40.00", "EUR"), EUR));
    gateway.refund(new RefundRequest(CREDENTIALS, IdempotencyKey.of("order-7:refund"), StripeStubs.INTENT,
        Money.of("40.00", "EUR"), Money.of("40.00", "EUR")));

    api.verify(postRequestedFor(urlEqualTo("/v1/payment_intents"))
        .withHeader("Idempotency-Key", equalTo("order-7:authorize"))
        .withFormParam("metadata[bizo_idempotency_key]", equalTo("order-7:authorize"))
        .withFormParam("return_url", equalTo("https://shop.example/return")));
    api.verify(postRequestedFor(urlEqualTo("/v1/payment_intents/" + StripeStubs.INTENT + "/capture"))
        .withHeader("Idempotency-Key", equalTo("order-7:capture"))
        .withFormParam("amount_to_capture", equalTo("4000")));
    api.verify(postRequestedFor(urlEqualTo("/v1/refunds"))
        .withHeader("Idempotency-Key", equalTo("order-7:refund"))
        .withFormParam("amount", equalTo("4000")));
  }

  @Test
  void a_card_error_is_declined_with_stripes_decline_code_and_the_intent() {
    stripe.declined(EUR, "automatic");
    GatewayResult result = gateway.purchase(payment("k-decline-1", EUR));
    assertThat(result.outcome()).isEqualTo(Outcome.DECLINED);
    assertThat(result.declineCode()).contains("insufficient_funds");
    assertThat(result.gatewayReference()).contains(StripeStubs.INTENT);
  }

  @Test
  void three_d_secure_with_a_redirect_is_pending_with_the_redirect_url() {
    stripe.requiresAction(EUR, "automatic", true);
    GatewayResult result = gateway.purchase(payment("k-3ds-1", EUR));
    assertThat(result.outcome()).isEqualTo(Outcome.PENDING);
    assertThat(result.nextAction()).hasValueSatisfying(a -> {
      assertThat(a.type()).isEqualTo(NextAction.Type.REDIRECT);
      assertThat(a.value()).startsWith("https://hooks.stripe.com/3d_secure_2/");
    });
  }

  @Test
  void three_d_secure_for_stripe_js_is_pending_with_the_client_secret() {
    stripe.requiresAction(EUR, "automatic", false);
    GatewayResult result = gateway.purchase(payment("k-3ds-2", EUR));
    assertThat(result.outcome()).isEqualTo(Outcome.PENDING);
    assertThat(result.nextAction()).hasValueSatisfying(a -> {
      assertThat(a.type()).isEqualTo(NextAction.Type.CLIENT_SECRET);
      assertThat(a.value()).isEqualTo(StripeStubs.INTENT + "_secret_tckClientSecret");
    });
  }

  @Test
  void yen_is_sent_in_whole_yen() {
    Money yen = Money.of("5000", "JPY");
    stripe.purchased(yen);
    GatewayResult result = gateway.purchase(payment("k-jpy-1", yen));
    assertThat(result.amount()).contains(yen);
    api.verify(postRequestedFor(urlEqualTo("/v1/payment_intents")).withFormParam("amount", equalTo("5000"))
        .withFormParam("currency", equalTo("jpy")));
  }

  @Test
  void an_invalid_request_is_declined_with_stripes_error_code() {
    api.stubFor(post("/v1/payment_intents").willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"amount_too_small\","
            + "\"message\":\"Amount must be at least \\u20ac0.50 eur\",\"param\":\"amount\"}}")));
    GatewayResult result = gateway.purchase(payment("k-small-1", Money.of("0.10", "EUR")));
    assertThat(result.outcome()).isEqualTo(Outcome.DECLINED);
    assertThat(result.declineCode()).contains("amount_too_small");
  }

  @Test
  void a_stripe_api_error_with_a_json_body_is_unknown() {
    api.stubFor(post("/v1/payment_intents").willReturn(aResponse().withStatus(503)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"type\":\"api_error\",\"message\":\"An unknown error occurred\"}}")));
    assertThat(gateway.purchase(payment("k-503-1", EUR)).outcome()).isEqualTo(Outcome.UNKNOWN);
  }

  @Test
  void a_rejected_api_key_is_a_configuration_error_naming_no_secret() {
    api.stubFor(post("/v1/payment_intents").willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Invalid API Key provided: sk_test_****7dc\"}}")));
    ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
        () -> gateway.purchase(payment("k-401-1", EUR)));
    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo("gateway.authentication_failed");
    assertThat(e.getMessage()).doesNotContain(StripeStubs.SECRET_KEY);
  }

  @Test
  void after_a_timeout_the_intent_is_found_by_the_key_in_its_metadata() {
    String query = "metadata['bizo_idempotency_key']:'lost-key-1'";
    api.stubFor(get(urlPathEqualTo("/v1/payment_intents/search")).withQueryParam("query", equalTo(query))
        .willReturn(okJson("{\"object\":\"search_result\",\"data\":["
            + StripeStubs.intent("requires_capture", EUR, 0, EUR.minorUnits())
            + "],\"has_more\":false,\"next_page\":null,\"url\":\"/v1/payment_intents/search\"}")));
    GatewayResult status = gateway.fetchStatus(new StatusRequest(CREDENTIALS, IdempotencyKey.of("lost-key-1"),
        GatewayOperation.AUTHORIZE, Optional.empty(), EUR));
    assertThat(status.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(status.gatewayReference()).contains(StripeStubs.INTENT);
  }

  @Test
  void an_intent_not_yet_searchable_is_unknown_not_declined() {
    api.stubFor(get(urlPathEqualTo("/v1/payment_intents/search")).willReturn(okJson(
        "{\"object\":\"search_result\",\"data\":[],\"has_more\":false,\"next_page\":null,\"url\":\"/v1/payment_intents/search\"}")));
    GatewayResult status = gateway.fetchStatus(new StatusRequest(CREDENTIALS, IdempotencyKey.of("lost-key-2"),
        GatewayOperation.PURCHASE, Optional.empty(), EUR));
    assertThat(status.outcome()).isEqualTo(Outcome.UNKNOWN);
  }

  @Test
  void is_discovered_through_core_providers() {
    Providers<PaymentGateway> gateways =
        Providers.builder(PaymentGateway.class, PaymentGateway::id).discover(true).build();
    assertThat(gateways.find("stripe")).containsInstanceOf(StripeGateway.class);
  }
}
