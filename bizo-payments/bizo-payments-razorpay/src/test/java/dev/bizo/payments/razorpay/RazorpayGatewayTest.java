package dev.bizo.payments.razorpay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.bizo.core.ConfigurationException;
import dev.bizo.core.Money;
import dev.bizo.core.Providers;
import dev.bizo.core.ValidationException;
import dev.bizo.payments.spi.GatewayCredentials;
import dev.bizo.payments.spi.GatewayOperation;
import dev.bizo.payments.spi.GatewayResult;
import dev.bizo.payments.spi.GatewayResult.Outcome;
import dev.bizo.payments.spi.HmacSignature;
import dev.bizo.payments.spi.IdempotencyKey;
import dev.bizo.payments.spi.NextAction;
import dev.bizo.payments.spi.PaymentGateway;
import dev.bizo.payments.spi.PaymentMethod;
import dev.bizo.payments.spi.PaymentRequest;
import dev.bizo.payments.spi.RefundRequest;
import dev.bizo.payments.spi.StatusRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Razorpay specifics beyond the TCK: where keys go, Checkout signatures, retried captures, error codes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RazorpayGatewayTest {

  private static final Money INR = Money.of("499.00", "INR");
  private static final GatewayCredentials CREDENTIALS = GatewayCredentials.of(Map.of(
      RazorpayGateway.KEY_ID, RazorpayStubs.KEY_ID, RazorpayGateway.KEY_SECRET, RazorpayStubs.KEY_SECRET,
      RazorpayGateway.WEBHOOK_SECRET, "unused_webhook_secret"));

  private WireMockServer api;
  private RazorpayStubs razorpay;
  private RazorpayGateway gateway;

  @BeforeAll
  void start() {
    api = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    api.start();
    razorpay = new RazorpayStubs(api);
    gateway = RazorpayGateway.builder().apiBase(URI.create(api.baseUrl())).timeouts(Duration.ofSeconds(10)).build();
  }

  @AfterAll
  void stop() {
    api.stop();
  }

  @BeforeEach
  void reset() {
    api.resetAll();
  }

  private static PaymentRequest payment(String key, Money amount, PaymentMethod method) {
    return PaymentRequest.builder().credentials(CREDENTIALS).idempotencyKey(IdempotencyKey.of(key)).amount(amount)
        .paymentMethod(method).merchantReference("order-42").build();
  }

  @Test
  void an_order_carries_the_key_as_a_unique_receipt_and_in_its_notes() {
    razorpay.orderCreated(INR);
    GatewayResult result = gateway.authorize(payment("cart-42-attempt-1", INR, PaymentMethod.token(RazorpayGateway.CHECKOUT)));
    assertThat(result.outcome()).isEqualTo(Outcome.PENDING);
    assertThat(result.nextAction()).contains(NextAction.clientSecret(RazorpayStubs.ORDER));
    api.verify(postRequestedFor(urlEqualTo("/v1/orders"))
        .withRequestBody(matchingJsonPath("$.receipt", equalTo("cart-42-attempt-1")))
        .withRequestBody(matchingJsonPath("$.unique_receipt", equalTo("true")))
        .withRequestBody(matchingJsonPath("$.amount", equalTo("49900")))
        .withRequestBody(matchingJsonPath("$.notes.bizo_idempotency_key", equalTo("cart-42-attempt-1"))));
  }

  @Test
  void a_key_too_long_for_a_receipt_becomes_a_stable_40_character_digest() {
    IdempotencyKey longKey = IdempotencyKey.of("x".repeat(100));
    String receipt = RazorpayGateway.receipt(longKey);
    assertThat(receipt).hasSize(40).isEqualTo(RazorpayGateway.receipt(IdempotencyKey.of("x".repeat(100))))
        .isNotEqualTo(RazorpayGateway.receipt(IdempotencyKey.of("x".repeat(99) + "y")));
  }

  @Test
  void a_refund_carries_the_key_in_x_refund_idempotency() {
    razorpay.refunded(Money.of("100.00", "INR"));
    GatewayResult result = gateway.refund(new RefundRequest(CREDENTIALS, IdempotencyKey.of("refund-42-first"),
        RazorpayStubs.PAYMENT, Money.of("100.00", "INR"), INR));
    assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(result.gatewayReference()).contains(RazorpayStubs.REFUND);
    api.verify(postRequestedFor(urlEqualTo("/v1/payments/" + RazorpayStubs.PAYMENT + "/refund"))
        .withHeader(RazorpayGateway.REFUND_IDEMPOTENCY_HEADER, equalTo("refund-42-first"))
        .withRequestBody(matchingJsonPath("$.amount", equalTo("10000"))));
  }

  @Test
  void a_key_outside_razorpays_refund_alphabet_is_replaced_by_a_conforming_digest() {
    String derived = RazorpayGateway.refundKey(IdempotencyKey.of("pay-42").derive("refund"));
    assertThat(derived).matches("[A-Za-z0-9_-]{10,}")
        .isEqualTo(RazorpayGateway.refundKey(IdempotencyKey.of("pay-42:refund")));
    assertThat(RazorpayGateway.refundKey(IdempotencyKey.of("short"))).hasSizeGreaterThanOrEqualTo(10);
  }

  @Test
  void a_retried_capture_that_razorpay_refuses_as_already_captured_reads_back_success() {
    razorpay.alreadyCaptured();
    razorpay.paymentIs("captured", INR);
    GatewayResult result = gateway.purchase(payment("capture-again-1", INR, PaymentMethod.token(RazorpayStubs.PAYMENT)));
    assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(result.amount()).contains(INR);
    api.verify(getRequestedFor(urlEqualTo("/v1/payments/" + RazorpayStubs.PAYMENT)));
  }

  @Test
  void a_failed_payment_is_declined_with_razorpays_error_reason() {
    razorpay.failed(INR);
    GatewayResult result = gateway.authorize(payment("failed-1", INR, PaymentMethod.token(RazorpayStubs.PAYMENT)));
    assertThat(result.outcome()).isEqualTo(Outcome.DECLINED);
    assertThat(result.declineCode()).contains("insufficient_funds");
    assertThat(result.gatewayReference()).contains(RazorpayStubs.PAYMENT);
  }

  @Test
  void an_authorization_for_another_amount_is_declined() {
    razorpay.paymentIs("authorized", Money.of("1.00", "INR"));
    GatewayResult result = gateway.authorize(payment("mismatch-1", INR, PaymentMethod.token(RazorpayStubs.PAYMENT)));
    assertThat(result.declineCode()).contains("amount_mismatch");
  }

  @Test
  void a_checkout_result_with_a_valid_signature_is_paid_with() {
    razorpay.paymentIs("authorized", INR);
    String signature = HmacSignature.signHex(RazorpayStubs.KEY_SECRET,
        (RazorpayStubs.ORDER + "|" + RazorpayStubs.PAYMENT).getBytes(StandardCharsets.UTF_8));
    CheckoutPayment paid = new CheckoutPayment(RazorpayStubs.ORDER, RazorpayStubs.PAYMENT, signature);
    GatewayResult result = gateway.authorize(payment("checkout-ok-1", INR, paid.toPaymentMethod()));
    assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(result.gatewayReference()).contains(RazorpayStubs.PAYMENT);
  }

  @Test
  void a_checkout_result_with_a_forged_signature_is_refused_before_sending() {
    String forged = HmacSignature.signHex("not-the-key-secret",
        (RazorpayStubs.ORDER + "|" + RazorpayStubs.PAYMENT).getBytes(StandardCharsets.UTF_8));
    CheckoutPayment paid = new CheckoutPayment(RazorpayStubs.ORDER, RazorpayStubs.PAYMENT, forged);
    assertThatThrownBy(() -> gateway.purchase(payment("checkout-forged-1", INR, paid.toPaymentMethod())))
        .isInstanceOf(ValidationException.class);
    List<LoggedRequest> sent = api.findAll(postRequestedFor(urlEqualTo("/v1/payments/" + RazorpayStubs.PAYMENT + "/capture")));
    assertThat(sent).isEmpty();
  }

  @Test
  void a_rejected_api_key_is_a_configuration_error_naming_no_secret() {
    api.stubFor(post("/v1/payments/" + RazorpayStubs.PAYMENT + "/capture").willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"code\":\"BAD_REQUEST_ERROR\",\"description\":\"Authentication failed\",\"source\":\"NA\","
            + "\"step\":\"NA\",\"reason\":\"NA\",\"metadata\":{}}}")));
    ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
        () -> gateway.purchase(payment("auth-1", INR, PaymentMethod.token(RazorpayStubs.PAYMENT))));
    assertThat(e.code()).isEqualTo("gateway.authentication_failed");
    assertThat(e.getMessage()).doesNotContain(RazorpayStubs.KEY_SECRET);
  }

  @Test
  void yen_is_sent_in_whole_yen() {
    Money yen = Money.of("5000", "JPY");
    razorpay.captured(yen);
    assertThat(gateway.purchase(payment("jpy-1", yen, PaymentMethod.token(RazorpayStubs.PAYMENT))).amount()).contains(yen);
    api.verify(postRequestedFor(urlEqualTo("/v1/payments/" + RazorpayStubs.PAYMENT + "/capture"))
        .withRequestBody(matchingJsonPath("$.amount", equalTo("5000"))));
  }

  @Test
  void an_order_create_that_timed_out_is_found_by_its_receipt() {
    api.stubFor(get(urlPathEqualTo("/v1/orders")).withQueryParam("receipt", equalTo("cart-43-attempt-1"))
        .willReturn(okJson("{\"entity\":\"collection\",\"count\":1,\"items\":[{\"id\":\"" + RazorpayStubs.ORDER
            + "\",\"entity\":\"order\",\"amount\":49900,\"amount_paid\":0,\"amount_due\":49900,\"currency\":\"INR\","
            + "\"receipt\":\"cart-43-attempt-1\",\"status\":\"created\",\"attempts\":0,\"notes\":{},\"created_at\":1772446530}]}")));
    GatewayResult status = gateway.fetchStatus(new StatusRequest(CREDENTIALS, IdempotencyKey.of("cart-43-attempt-1"),
        GatewayOperation.AUTHORIZE, Optional.empty(), INR));
    assertThat(status.outcome()).isEqualTo(Outcome.PENDING);
    assertThat(status.gatewayReference()).contains(RazorpayStubs.ORDER);
  }

  @Test
  void is_discovered_through_core_providers() {
    Providers<PaymentGateway> gateways =
        Providers.builder(PaymentGateway.class, PaymentGateway::id).discover(true).build();
    assertThat(gateways.find("razorpay")).containsInstanceOf(RazorpayGateway.class);
  }
}
