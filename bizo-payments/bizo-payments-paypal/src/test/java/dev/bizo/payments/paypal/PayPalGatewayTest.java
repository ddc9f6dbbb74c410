package dev.bizo.payments.paypal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.bizo.core.ConfigurationException;
import dev.bizo.core.Money;
import dev.bizo.core.Providers;
import dev.bizo.core.ValidationException;
import dev.bizo.payments.spi.CaptureRequest;
import dev.bizo.payments.spi.GatewayCredentials;
import dev.bizo.payments.spi.GatewayOperation;
import dev.bizo.payments.spi.GatewayResult;
import dev.bizo.payments.spi.GatewayResult.Outcome;
import dev.bizo.payments.spi.GatewayUnreachableException;
import dev.bizo.payments.spi.IdempotencyKey;
import dev.bizo.payments.spi.NextAction;
import dev.bizo.payments.spi.PaymentGateway;
import dev.bizo.payments.spi.PaymentMethod;
import dev.bizo.payments.spi.PaymentRequest;
import dev.bizo.payments.spi.RefundRequest;
import dev.bizo.payments.spi.StatusRequest;
import dev.bizo.payments.spi.VoidRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * PayPal specifics beyond the TCK: the checkout order's shape, the amount check on approved orders, error
 * mapping, the OAuth token's life, and reconciliation of orders, captures and refunds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PayPalGatewayTest {

  private static final Money EUR = Money.of("100.00", "EUR");
  private static final URI RETURN_URL = URI.create("https://shop.example/orders/1042/return");
  private static final GatewayCredentials CREDENTIALS = GatewayCredentials.of(Map.of(
      PayPalGateway.CLIENT_ID, PayPalStubs.CLIENT_ID, PayPalGateway.CLIENT_SECRET, PayPalStubs.CLIENT_SECRET,
      PayPalGateway.WEBHOOK_ID, PayPalGatewayTckTest.WEBHOOK_ID));

  private WireMockServer api;
  private PayPalStubs paypal;
  private MovableClock clock;
  private PayPalGateway gateway;

  @BeforeAll
  void start() {
    api = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    api.start();
    paypal = new PayPalStubs(api);
  }

  @AfterAll
  void stop() {
    api.stop();
  }

  @BeforeEach
  void reset() {
    api.resetAll();
    clock = new MovableClock(Instant.parse("2026-03-02T10:15:30Z"));
    gateway = PayPalGateway.builder().apiBase(URI.create(api.baseUrl()))
        .connectTimeout(Duration.ofSeconds(3)).readTimeout(Duration.ofSeconds(3)).clock(clock).build();
  }

  private static PaymentRequest payment(String token, String key, Money amount) {
    return PaymentRequest.builder().credentials(CREDENTIALS).idempotencyKey(IdempotencyKey.of(key)).amount(amount)
        .paymentMethod(PaymentMethod.token(token)).merchantReference("order-1042").description("Order 1042")
        .returnUrl(RETURN_URL).build();
  }

  private static StatusRequest status(GatewayOperation operation, String key, String reference, Money amount) {
    return new StatusRequest(CREDENTIALS, IdempotencyKey.of(key), operation, Optional.ofNullable(reference), amount);
  }

  // ---------------------------------------------------------------- checkout orders

  @Test
  void a_checkout_purchase_creates_a_capture_order_and_is_pending_with_the_approval_link() {
    paypal.token();
    paypal.orderCreated("CAPTURE", EUR);

    GatewayResult result = gateway.purchase(payment(PayPalGateway.CHECKOUT, "order-1042-pay", EUR));

    assertThat(result.outcome()).isEqualTo(Outcome.PENDING);
    assertThat(result.gatewayReference()).contains(PayPalStubs.ORDER);
    assertThat(result.nextAction()).contains(NextAction.approvalLink(URI.create(PayPalStubs.APPROVAL_URL)));
    api.verify(postRequestedFor(urlEqualTo("/v2/checkout/orders"))
        .withHeader(PayPalGateway.REQUEST_ID_HEADER, equalTo("order-1042-pay"))
        .withHeader("Prefer", equalTo("return=representation"))
        .withRequestBody(matchingJsonPath("$.purchase_units[0].custom_id", equalTo("order-1042")))
        .withRequestBody(matchingJsonPath("$.purchase_units[0].amount.value", equalTo("100.00")))
        .withRequestBody(matchingJsonPath("$.payment_source.paypal.experience_context.return_url",
            equalTo(RETURN_URL.toString()))));
  }

  @Test
  void a_key_longer_than_paypal_takes_is_sent_as_its_stable_digest() {
    paypal.token();
    paypal.approvedOrder("CAPTURE", EUR);
    paypal.orderCaptured(EUR);
    String longKey = "tenant-7f3a:order-1042:" + "x".repeat(200);

    gateway.purchase(payment(PayPalStubs.ORDER, longKey, EUR));
    gateway.purchase(payment(PayPalStubs.ORDER, longKey, EUR));

    List<String> sent = api.findAll(postRequestedFor(urlMatching("/v2/checkout/orders/.*/capture"))).stream()
        .map(r -> r.getHeader(PayPalGateway.REQUEST_ID_HEADER)).toList();
    assertThat(sent).hasSize(2).allMatch(id -> id.matches("[0-9a-f]{64}"));
    assertThat(sent.get(0)).isEqualTo(sent.get(1)).isEqualTo(PayPalGateway.requestId(IdempotencyKey.of(longKey)));
    assertThat(PayPalGateway.requestId(IdempotencyKey.of("short-key"))).isEqualTo("short-key");
  }

  @Test
  void a_checkout_authorization_creates_an_order_with_intent_authorize() {
    paypal.token();
    paypal.orderCreated("AUTHORIZE", EUR);

    GatewayResult result = gateway.authorize(payment(PayPalGateway.CHECKOUT, "order-1042-auth", EUR));

    assertThat(result.outcome()).isEqualTo(Outcome.PENDING);
    assertThat(result.nextAction()).hasValueSatisfying(a -> assertThat(a.type()).isEqualTo(NextAction.Type.APPROVAL_LINK));
    api.verify(postRequestedFor(urlEqualTo("/v2/checkout/orders"))
        .withRequestBody(matchingJsonPath("$.intent", equalTo("AUTHORIZE"))));
  }

  @Test
  void an_approved_order_for_another_amount_is_refused_before_anything_moves() {
    paypal.token();
    paypal.approvedOrder("CAPTURE", Money.of("1.00", "EUR"));
    paypal.orderCaptured(EUR);

    ValidationException e = catchThrowableOfType(ValidationException.class,
        () -> gateway.purchase(payment(PayPalStubs.ORDER, "order-1042-pay", EUR)));

    assertThat(e).isNotNull();
    assertThat(e.fieldErrors()).anySatisfy(f -> assertThat(f.code()).isEqualTo("amount_mismatch"));
    api.verify(0, postRequestedFor(urlMatching("/v2/checkout/orders/.*/capture")));
  }

  @Test
  void a_token_that_is_neither_checkout_nor_an_order_id_is_refused_without_sending() {
    ValidationException e = catchThrowableOfType(ValidationException.class,
        () -> gateway.purchase(payment("pm_card_visa", "k-1", EUR)));
    assertThat(e).isNotNull();
    assertThat(api.getAllServeEvents()).isEmpty();
  }

  // ---------------------------------------------------------------- errors

  @Test
  void a_declined_capture_keeps_paypals_issue_code_and_the_order_reference() {
    paypal.token();
    paypal.approvedOrder("CAPTURE", EUR);
    api.stubFor(PayPalStubs.moving(post("/v2/checkout/orders/" + PayPalStubs.ORDER + "/capture"))
        .willReturn(PayPalStubs.unprocessable("INSTRUMENT_DECLINED")));

    GatewayResult result = gateway.purchase(payment(PayPalStubs.ORDER, "k-decline", EUR));

    assertThat(result.outcome()).isEqualTo(Outcome.DECLINED);
    assertThat(result.declineCode()).contains("INSTRUMENT_DECLINED");
    assertThat(result.gatewayReference()).contains(PayPalStubs.ORDER);
    assertThat(result.message()).hasValueSatisfying(m -> assertThat(m).contains("declined").contains("tck0debug422"));
  }

  @Test
  void a_server_error_on_a_refund_is_unknown_and_names_paypals_error_and_debug_id() {
    paypal.token();
    api.stubFor(PayPalStubs.moving(post("/v2/payments/captures/" + PayPalStubs.CAPTURE + "/refund"))
        .willReturn(PayPalStubs.json(500, "{\"name\":\"INTERNAL_SERVER_ERROR\",\"message\":\"An internal server "
            + "error occurred.\",\"debug_id\":\"tck0debug500\"}")));

    GatewayResult result = gateway.refund(new RefundRequest(
        CREDENTIALS, IdempotencyKey.of("k-refund-500"), PayPalStubs.CAPTURE, EUR, EUR));

    assertThat(result.outcome()).isEqualTo(Outcome.UNKNOWN);
    assertThat(result.gatewayReference()).contains(PayPalStubs.CAPTURE);
    assertThat(result.message()).hasValueSatisfying(
        m -> assertThat(m).contains("500").contains("INTERNAL_SERVER_ERROR").contains("tck0debug500"));
  }

  @Test
  void a_capture_paypal_answers_as_declined_keeps_its_reason_and_one_without_reason_its_status() {
    paypal.token();
    api.stubFor(PayPalStubs.moving(post("/v2/payments/authorizations/" + PayPalStubs.AUTHORIZATION + "/capture"))
        .willReturn(PayPalStubs.json(201, PayPalStubs.payment(PayPalStubs.CAPTURE, "DECLINED", EUR,
            ",\"status_details\":{\"reason\":\"DECLINED_BY_RISK_FRAUD_FILTERS\"}"))));
    api.stubFor(PayPalStubs.moving(post("/v2/payments/authorizations/0AW2184448108334T/capture"))
        .willReturn(PayPalStubs.json(201, PayPalStubs.payment(PayPalStubs.CAPTURE, "FAILED", EUR, ""))));

    GatewayResult filtered = gateway.capture(new CaptureRequest(
        CREDENTIALS, IdempotencyKey.of("k-risk"), PayPalStubs.AUTHORIZATION, EUR, EUR));
    GatewayResult failed = gateway.capture(new CaptureRequest(
        CREDENTIALS, IdempotencyKey.of("k-failed"), "0AW2184448108334T", EUR, EUR));

    assertThat(filtered.outcome()).isEqualTo(Outcome.DECLINED);
    assertThat(filtered.declineCode()).contains("DECLINED_BY_RISK_FRAUD_FILTERS");
    assertThat(failed.outcome()).isEqualTo(Outcome.DECLINED);
    assertThat(failed.declineCode()).contains("FAILED");
  }

  @Test
  void an_error_without_details_is_declined_with_paypals_error_name() {
    paypal.token();
    paypal.approvedOrder("CAPTURE", EUR);
    api.stubFor(PayPalStubs.moving(post("/v2/checkout/orders/" + PayPalStubs.ORDER + "/capture"))
        .willReturn(PayPalStubs.json(403, "{\"name\":\"NOT_AUTHORIZED\",\"message\":\"Authorization failed due to "
            + "insufficient permissions.\",\"debug_id\":\"tck0debug403\"}")));

    GatewayResult result = gateway.purchase(payment(PayPalStubs.ORDER, "k-403", EUR));

    assertThat(result.outcome()).isEqualTo(Outcome.DECLINED);
    assertThat(result.declineCode()).contains("NOT_AUTHORIZED");
  }

  @Test
  void a_capture_answered_late_is_unknown_and_keeps_the_order_reference() {
    paypal.token();
    paypal.approvedOrder("CAPTURE", EUR);
    api.stubFor(post("/v2/checkout/orders/" + PayPalStubs.ORDER + "/capture")
        .willReturn(PayPalStubs.json(201, PayPalStubs.order("CAPTURE", "COMPLETED", EUR, PayPalStubs.oneCapture(EUR)))
            .withFixedDelay(5_000)));

    GatewayResult result = gateway.purchase(payment(PayPalStubs.ORDER, "k-late", EUR));

    assertThat(result.outcome()).isEqualTo(Outcome.UNKNOWN);
    assertThat(result.gatewayReference()).contains(PayPalStubs.ORDER);
  }

  @Test
  void a_request_still_in_progress_under_the_same_key_is_unknown() {
    paypal.token();
    paypal.approvedOrder("CAPTURE", EUR);
    api.stubFor(post("/v2/checkout/orders/" + PayPalStubs.ORDER + "/capture")
        .willReturn(PayPalStubs.json(409, "{\"name\":\"RESOURCE_CONFLICT\",\"details\":[{\"issue\":"
            + "\"PREVIOUS_REQUEST_IN_PROGRESS\"}],\"debug_id\":\"tck0debug409\"}")));

    assertThat(gateway.purchase(payment(PayPalStubs.ORDER, "k-409", EUR)).outcome()).isEqualTo(Outcome.UNKNOWN);
  }

  @Test
  void refused_client_credentials_are_a_configuration_error_and_nothing_else_is_sent() {
    api.stubFor(post("/v1/oauth2/token").willReturn(PayPalStubs.json(401,
        "{\"error\":\"invalid_client\",\"error_description\":\"Client Authentication failed\"}")));

    ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
        () -> gateway.purchase(payment(PayPalStubs.ORDER, "k-401", EUR)));

    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo("gateway.authentication_failed");
    assertThat(e.getMessage()).doesNotContain(PayPalStubs.CLIENT_SECRET);
    assertThat(api.getAllServeEvents()).hasSize(1);
  }

  @Test
  void a_failed_token_request_proves_the_payment_was_never_sent() {
    api.stubFor(post("/v1/oauth2/token").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    GatewayUnreachableException e = catchThrowableOfType(GatewayUnreachableException.class,
        () -> gateway.purchase(payment(PayPalStubs.ORDER, "k-token-reset", EUR)));

    assertThat(e).isNotNull();
    assertThat(e.gatewayId()).isEqualTo("paypal");
    api.verify(0, anyRequestedFor(urlMatching("/v2/.*")));
  }

  @Test
  void a_token_endpoint_error_is_a_never_sent_failure_too() {
    api.stubFor(post("/v1/oauth2/token").willReturn(PayPalStubs.json(503, "{\"name\":\"SERVICE_UNAVAILABLE\"}")));

    assertThat(catchThrowableOfType(GatewayUnreachableException.class,
        () -> gateway.purchase(payment(PayPalStubs.ORDER, "k-token-503", EUR)))).isNotNull();
    api.verify(0, anyRequestedFor(urlMatching("/v2/.*")));
  }

  @Test
  void the_access_token_is_reused_until_shortly_before_it_expires() {
    paypal.token();
    paypal.approvedOrder("CAPTURE", EUR);
    paypal.orderCaptured(EUR);

    gateway.purchase(payment(PayPalStubs.ORDER, "k-t1", EUR));
    gateway.purchase(payment(PayPalStubs.ORDER, "k-t2", EUR));
    api.verify(1, postRequestedFor(urlEqualTo("/v1/oauth2/token")));

    clock.advance(Duration.ofSeconds(32400).minusMinutes(4)); // the stub's expires_in, less than the 5 min margin
    gateway.purchase(payment(PayPalStubs.ORDER, "k-t3", EUR));
    api.verify(2, postRequestedFor(urlEqualTo("/v1/oauth2/token")));
  }

  @Test
  void a_revoked_access_token_is_replaced_once_and_the_call_made_again() {
    paypal.token();
    paypal.approvedOrder("CAPTURE", EUR);
    paypal.orderCaptured(EUR);
    gateway.purchase(payment(PayPalStubs.ORDER, "k-warm", EUR)); // caches the token
    api.stubFor(post("/v2/checkout/orders/" + PayPalStubs.ORDER + "/capture").atPriority(1)
        .inScenario("revoked").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("renewed")
        .willReturn(PayPalStubs.json(401, "{\"error\":\"invalid_token\",\"error_description\":\"Token signature "
            + "verification failed\"}")));

    GatewayResult result = gateway.purchase(payment(PayPalStubs.ORDER, "k-revoked", EUR));

    assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
    api.verify(2, postRequestedFor(urlEqualTo("/v1/oauth2/token")));
    api.verify(2, postRequestedFor(urlEqualTo("/v2/checkout/orders/" + PayPalStubs.ORDER + "/capture"))
        .withHeader(PayPalGateway.REQUEST_ID_HEADER, equalTo("k-revoked")));
  }

  @Test
  void an_access_token_refused_twice_is_a_configuration_error() {
    paypal.token();
    paypal.approvedOrder("CAPTURE", EUR);
    api.stubFor(post("/v2/checkout/orders/" + PayPalStubs.ORDER + "/capture")
        .willReturn(PayPalStubs.json(401, "{\"error\":\"invalid_token\"}")));

    ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
        () -> gateway.purchase(payment(PayPalStubs.ORDER, "k-401-twice", EUR)));

    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo("gateway.authentication_failed");
    api.verify(2, postRequestedFor(urlEqualTo("/v1/oauth2/token")));
  }

  // ---------------------------------------------------------------- reconciliation

  @Test
  void fetch_status_captures_an_order_the_buyer_approved_under_a_key_derived_from_the_original() {
    paypal.token();
    paypal.notFound("/v2/payments/captures/" + PayPalStubs.ORDER);
    paypal.approvedOrder("CAPTURE", EUR);
    paypal.orderCaptured(EUR);

    GatewayResult result = gateway.fetchStatus(status(GatewayOperation.PURCHASE, "order-1042-pay", PayPalStubs.ORDER, EUR));

    assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(result.gatewayReference()).contains(PayPalStubs.CAPTURE);
    assertThat(result.amount()).contains(EUR);
    api.verify(postRequestedFor(urlEqualTo("/v2/checkout/orders/" + PayPalStubs.ORDER + "/capture"))
        .withHeader(PayPalGateway.REQUEST_ID_HEADER,
            equalTo(IdempotencyKey.of("order-1042-pay").derive("complete").value())));
  }

  @Test
  void fetch_status_reads_a_completed_order_without_moving_money() {
    paypal.token();
    paypal.notFound("/v2/payments/captures/" + PayPalStubs.ORDER);
    paypal.orderShown("CAPTURE", "COMPLETED", EUR, PayPalStubs.oneCapture(EUR));

    GatewayResult result = gateway.fetchStatus(status(GatewayOperation.PURCHASE, "k-lost", PayPalStubs.ORDER, EUR));

    assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(result.gatewayReference()).contains(PayPalStubs.CAPTURE);
    api.verify(0, postRequestedFor(urlMatching("/v2/.*")));
  }

  @Test
  void fetch_status_of_an_order_still_awaiting_the_buyer_is_pending_with_its_link() {
    paypal.token();
    paypal.notFound("/v2/payments/authorizations/" + PayPalStubs.ORDER);
    api.stubFor(get("/v2/checkout/orders/" + PayPalStubs.ORDER).willReturn(PayPalStubs.json(200,
        "{\"id\":\"" + PayPalStubs.ORDER + "\",\"intent\":\"AUTHORIZE\",\"status\":\"PAYER_ACTION_REQUIRED\","
            + "\"purchase_units\":[{\"reference_id\":\"default\",\"amount\":" + PayPalStubs.amount(EUR) + "}],"
            + "\"links\":[{\"href\":\"" + PayPalStubs.APPROVAL_URL + "\",\"rel\":\"payer-action\",\"method\":\"GET\"}]}")));

    GatewayResult result = gateway.fetchStatus(status(GatewayOperation.AUTHORIZE, "k-wait", PayPalStubs.ORDER, EUR));

    assertThat(result.outcome()).isEqualTo(Outcome.PENDING);
    assertThat(result.nextAction()).hasValueSatisfying(a -> assertThat(a.value()).isEqualTo(PayPalStubs.APPROVAL_URL));
  }

  @Test
  void fetch_status_of_a_voided_order_is_declined() {
    paypal.token();
    paypal.notFound("/v2/payments/authorizations/" + PayPalStubs.ORDER);
    paypal.orderShown("AUTHORIZE", "VOIDED", EUR, "");

    GatewayResult result = gateway.fetchStatus(status(GatewayOperation.AUTHORIZE, "k-void", PayPalStubs.ORDER, EUR));

    assertThat(result.outcome()).isEqualTo(Outcome.DECLINED);
    assertThat(result.declineCode()).contains("ORDER_VOIDED");
  }

  @Test
  void fetch_status_of_a_capture_whose_answer_was_lost_resends_it_under_the_same_key() {
    paypal.token();
    paypal.notFound("/v2/payments/captures/" + PayPalStubs.AUTHORIZATION);
    paypal.authorizationCaptured(EUR);

    GatewayResult result = gateway.fetchStatus(
        status(GatewayOperation.CAPTURE, "k-capture-1", PayPalStubs.AUTHORIZATION, EUR));

    assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(result.gatewayReference()).contains(PayPalStubs.CAPTURE);
    api.verify(postRequestedFor(urlEqualTo("/v2/payments/authorizations/" + PayPalStubs.AUTHORIZATION + "/capture"))
        .withHeader(PayPalGateway.REQUEST_ID_HEADER, equalTo("k-capture-1")));
  }

  @Test
  void fetch_status_of_a_refund_reads_the_refund() {
    paypal.token();
    api.stubFor(get("/v2/payments/refunds/" + PayPalStubs.REFUND)
        .willReturn(PayPalStubs.json(200, PayPalStubs.payment(PayPalStubs.REFUND, "PENDING", EUR, ""))));

    GatewayResult result = gateway.fetchStatus(status(GatewayOperation.REFUND, "k-refund", PayPalStubs.REFUND, EUR));

    assertThat(result.outcome()).isEqualTo(Outcome.PENDING);
    assertThat(result.gatewayReference()).contains(PayPalStubs.REFUND);
  }

  @Test
  void a_void_answered_without_a_body_reads_the_authorization_back() {
    paypal.token();
    api.stubFor(PayPalStubs.moving(post("/v2/payments/authorizations/" + PayPalStubs.AUTHORIZATION + "/void"))
        .willReturn(aResponse().withStatus(204)));
    paypal.authorizationShown("VOIDED", EUR);

    GatewayResult result = gateway.voidAuthorization(
        new VoidRequest(CREDENTIALS, IdempotencyKey.of("k-void-204"), PayPalStubs.AUTHORIZATION));

    assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(result.amount()).contains(EUR);
  }

  // ---------------------------------------------------------------- configuration

  @Test
  void an_api_base_with_a_path_sends_every_call_below_it() {
    api.stubFor(post("/paypal-proxy/v1/oauth2/token").willReturn(PayPalStubs.json(200,
        "{\"access_token\":\"" + PayPalStubs.ACCESS_TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":32400}")));
    api.stubFor(post("/paypal-proxy/v2/checkout/orders").willReturn(PayPalStubs.json(201,
        "{\"id\":\"" + PayPalStubs.ORDER + "\",\"status\":\"CREATED\",\"links\":[{\"href\":\""
            + PayPalStubs.APPROVAL_URL + "\",\"rel\":\"approve\",\"method\":\"GET\"}]}")));
    PaymentGateway proxied = PayPalGateway.builder().apiBase(URI.create(api.baseUrl() + "/paypal-proxy")).build();

    GatewayResult result = proxied.purchase(payment(PayPalGateway.CHECKOUT, "k-proxy", EUR));

    assertThat(result.outcome()).isEqualTo(Outcome.PENDING);
    assertThat(result.nextAction()).hasValueSatisfying(a -> assertThat(a.value()).isEqualTo(PayPalStubs.APPROVAL_URL));
    api.verify(0, anyRequestedFor(urlMatching("/v[12]/.*")));
    api.verify(2, anyRequestedFor(anyUrl()));
  }

  @Test
  void is_discovered_through_core_providers() {
    Providers<PaymentGateway> gateways = Providers.builder(PaymentGateway.class, PaymentGateway::id).discover(true).build();
    assertThat(gateways.require("paypal")).isInstanceOf(PayPalGateway.class);
    assertThat(gateways.require("paypal").capabilities()).isEqualTo(PayPalGateway.declaredCapabilities());
  }

  /** A clock the test moves by hand. */
  static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
