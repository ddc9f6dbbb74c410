package dev.bizo.payments.payu;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.bizo.core.Money;
import dev.bizo.core.Providers;
import dev.bizo.core.ValidationException;
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
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** PayU specifics beyond the TCK: the checkout form, derived ids, refund read-back, refund status, registration. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PayUGatewayTest {

  private static final Money AMOUNT = Money.of("499.00", "INR");
  private static final GatewayCredentials CREDENTIALS = GatewayCredentials.of(Map.of(
      PayUGateway.MERCHANT_KEY, PayUStubs.KEY, PayUGateway.SALT, PayUStubs.SALT));
  private static final String TXNID = "bz0a1b2c3d4e5f60718293a4b";

  private WireMockServer api;
  private PayUStubs payu;
  private PayUGateway gateway;

  @BeforeAll
  void start() {
    api = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    api.start();
    URI base = URI.create("http://127.0.0.1:" + api.port());
    gateway = PayUGateway.builder().checkoutBase(URI.create("https://checkout.payu.test")).apiBase(base)
        .timeouts(Duration.ofSeconds(5)).clock(Clock.systemUTC()).build();
  }

  @AfterAll
  void stop() {
    api.stop();
  }

  @BeforeEach
  void reset() {
    api.resetAll();
    payu = new PayUStubs(api);
  }

  @Test
  void a_new_purchase_is_pending_with_the_hashed_hosted_checkout_form() {
    payu.notFound();
    IdempotencyKey key = IdempotencyKey.of("order-7-attempt-1");
    GatewayResult result = gateway.purchase(request(key).toBuilder()
        .metadata("firstname", "Asha").metadata("email", "asha@example.in").metadata("phone", "9876543210")
        .metadata("udf1", "order-7").build());

    assertThat(result.outcome()).isEqualTo(Outcome.PENDING);
    assertThat(result.gatewayReference()).contains(PayUGateway.txnid(key));
    NextAction next = result.nextAction().orElseThrow();
    assertThat(next.type()).isEqualTo(NextAction.Type.REDIRECT);
    assertThat(next.value()).doesNotContain(PayUStubs.SALT);
    HostedCheckoutForm form = HostedCheckoutForm.of(next);
    assertThat(form.action()).isEqualTo(URI.create("https://checkout.payu.test/_payment"));
    assertThat(form.txnid()).isEqualTo(PayUGateway.txnid(key));
    assertThat(form.fields()).containsEntry("key", PayUStubs.KEY).containsEntry("amount", "499.00")
        .containsEntry("productinfo", "Order 7").containsEntry("firstname", "Asha")
        .containsEntry("email", "asha@example.in").containsEntry("phone", "9876543210")
        .containsEntry("surl", "https://shop.example/return").containsEntry("furl", "https://shop.example/return")
        .containsEntry("udf1", "order-7");
    assertThat(form.fields().get("hash")).isEqualTo(PayUStubs.sha512(PayUStubs.KEY + "|" + form.txnid()
        + "|499.00|Order 7|Asha|asha@example.in|order-7||||||||||" + PayUStubs.SALT));
    assertThat(form.toAutoSubmittingHtml())
        .contains("action=\"https://checkout.payu.test/_payment\"")
        .contains("name=\"hash\" value=\"" + form.fields().get("hash") + "\"");
  }

  @Test
  void the_checkout_page_escapes_field_values() {
    HostedCheckoutForm form = new HostedCheckoutForm(URI.create("https://secure.payu.in/_payment"),
        Map.of("txnid", "bz1", "hash", "h", "productinfo", "\"><script>alert(1)</script>"));
    assertThat(form.toAutoSubmittingHtml()).doesNotContain("<script>")
        .contains("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
  }

  @Test
  void the_txnid_and_refund_token_are_derived_deterministically_within_payu_limits() {
    IdempotencyKey key = IdempotencyKey.of("a-rather-long-idempotency-key-from-a-client-9f1c2e");
    assertThat(PayUGateway.txnid(key)).isEqualTo(PayUGateway.txnid(IdempotencyKey.of(key.value())))
        .hasSize(25).matches("[a-z0-9]+");
    assertThat(PayUGateway.refundToken(key)).hasSize(23).matches("[a-z0-9]+");
    assertThat(PayUGateway.txnid(IdempotencyKey.of("tck-key-1")))
        .isEqualTo("bz" + "6f0e4171b0404026641400331453950c71ad480b89ac05a4b3303f0e200e5c68".substring(0, 23));
    assertThat(PayUGateway.txnid(IdempotencyKey.of("other"))).isNotEqualTo(PayUGateway.txnid(key));
  }

  @Test
  void a_paid_order_for_another_amount_is_declined_as_a_mismatch() {
    payu.paid(Money.of("1.00", "INR"));
    GatewayResult result = gateway.purchase(request(IdempotencyKey.random()));
    assertThat(result.outcome()).isEqualTo(Outcome.DECLINED);
    assertThat(result.declineCode()).contains("amount_mismatch");
  }

  @Test
  void a_declined_payment_keeps_payus_error_code() {
    payu.declined(AMOUNT);
    GatewayResult result = gateway.purchase(request(IdempotencyKey.random()));
    assertThat(result.declineCode()).contains("E307");
    assertThat(result.message()).hasValueSatisfying(m -> assertThat(m).contains("do not honor"));
  }

  @Test
  void refuses_other_payment_methods_and_a_missing_return_url_without_sending() {
    assertThatThrownBy(() -> gateway.purchase(request(IdempotencyKey.random()).toBuilder()
        .paymentMethod(PaymentMethod.token("tok_visa")).build())).isInstanceOf(ValidationException.class);
    PaymentRequest noReturn = PaymentRequest.builder().credentials(CREDENTIALS).idempotencyKey(IdempotencyKey.random())
        .amount(AMOUNT).paymentMethod(PaymentMethod.token(PayUGateway.HOSTED_CHECKOUT)).build();
    assertThatThrownBy(() -> gateway.purchase(noReturn)).isInstanceOf(ValidationException.class);
    assertThat(api.getAllServeEvents()).isEmpty();
  }

  @Test
  void a_retried_refund_that_payu_refuses_is_answered_from_the_refund_with_its_token() {
    IdempotencyKey key = IdempotencyKey.of("refund-key-1");
    payu.paid(AMOUNT);
    payu.refundRefused();
    payu.actions(PayUGateway.refundToken(key), "queued", AMOUNT);
    GatewayResult result = gateway.refund(new RefundRequest(CREDENTIALS, key, TXNID, AMOUNT, AMOUNT));
    assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(result.gatewayReference()).contains(PayUStubs.REQUEST_ID);
    api.verify(postRequestedFor(urlEqualTo(PayUGateway.POSTSERVICE_PATH))
        .withRequestBody(containing("var2=" + PayUGateway.refundToken(key))));
  }

  @Test
  void a_refused_refund_without_an_earlier_one_is_declined_with_payus_code() {
    payu.paid(AMOUNT);
    payu.refundRefused();
    payu.actions("bzr_some_other_token_00", "success", AMOUNT);
    GatewayResult result = gateway.refund(new RefundRequest(CREDENTIALS, IdempotencyKey.random(), TXNID, AMOUNT, AMOUNT));
    assertThat(result.outcome()).isEqualTo(Outcome.DECLINED);
    assertThat(result.declineCode()).contains("106");
  }

  @Test
  void a_refund_whose_payment_lookup_fails_sends_no_refund_and_is_safe_to_retry() {
    api.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503)));
    assertThatThrownBy(() -> gateway.refund(new RefundRequest(CREDENTIALS, IdempotencyKey.random(), TXNID, AMOUNT, AMOUNT)))
        .isInstanceOf(GatewayUnreachableException.class);
    api.verify(1, postRequestedFor(urlEqualTo(PayUGateway.POSTSERVICE_PATH))
        .withRequestBody(containing("command=verify_payment")));
    api.verify(0, postRequestedFor(urlEqualTo(PayUGateway.POSTSERVICE_PATH))
        .withRequestBody(containing("command=cancel_refund_transaction")));
  }

  @Test
  void a_refund_of_a_payment_payu_does_not_know_is_declined_without_sending_it() {
    payu.notFound();
    GatewayResult result = gateway.refund(new RefundRequest(CREDENTIALS, IdempotencyKey.random(), TXNID, AMOUNT, AMOUNT));
    assertThat(result.declineCode()).contains("payu_transaction_not_found");
    assertThat(api.getAllServeEvents()).hasSize(1);
  }

  @Test
  void refund_status_is_read_by_request_id_or_by_token_through_the_payment() {
    IdempotencyKey key = IdempotencyKey.of("refund-key-2");
    payu.actionByRequestId(PayUGateway.refundToken(key), "failure", AMOUNT);
    GatewayResult byRequest = gateway.fetchStatus(new StatusRequest(CREDENTIALS, key, GatewayOperation.REFUND,
        Optional.of(PayUStubs.REQUEST_ID), AMOUNT));
    assertThat(byRequest.outcome()).isEqualTo(Outcome.DECLINED);

    api.resetAll();
    payu.paid(AMOUNT);
    payu.actions(PayUGateway.refundToken(key), "success", AMOUNT);
    GatewayResult byToken = gateway.fetchStatus(new StatusRequest(CREDENTIALS, key, GatewayOperation.REFUND,
        Optional.of(TXNID), AMOUNT));
    assertThat(byToken.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(byToken.amount()).contains(AMOUNT);
  }

  @Test
  void status_of_a_purchase_without_a_reference_is_looked_up_by_the_keys_txnid() {
    IdempotencyKey key = IdempotencyKey.of("timed-out-purchase");
    payu.paid(AMOUNT);
    GatewayResult status = gateway.fetchStatus(new StatusRequest(CREDENTIALS, key, GatewayOperation.PURCHASE,
        Optional.empty(), AMOUNT));
    assertThat(status.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(status.gatewayReference()).contains(PayUGateway.txnid(key));
    api.verify(postRequestedFor(urlEqualTo(PayUGateway.POSTSERVICE_PATH))
        .withRequestBody(containing("var1=" + PayUGateway.txnid(key))));
  }

  @Test
  void is_registered_for_providers_as_payu() {
    Providers<PaymentGateway> providers = Providers.builder(PaymentGateway.class, PaymentGateway::id).build();
    assertThat(providers.find("payu")).hasValueSatisfying(g -> {
      assertThat(g).isInstanceOf(PayUGateway.class);
      assertThat(g.displayName()).isEqualTo("PayU");
    });
  }

  private static PaymentRequest request(IdempotencyKey key) {
    return PaymentRequest.builder().credentials(CREDENTIALS).idempotencyKey(key).amount(AMOUNT)
        .paymentMethod(PaymentMethod.token(PayUGateway.HOSTED_CHECKOUT)).description("Order 7")
        .returnUrl(URI.create("https://shop.example/return")).build();
  }
}
