package dev.bizo.payments.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.bizo.core.Money;
import dev.bizo.core.TenantId;
import dev.bizo.payments.GatewayCredentialsSource;
import dev.bizo.payments.NewPayment;
import dev.bizo.payments.PaymentResponse;
import dev.bizo.payments.PaymentService;
import dev.bizo.payments.PaymentStatus;
import dev.bizo.payments.RoutingPolicy;
import dev.bizo.payments.payu.HostedCheckoutForm;
import dev.bizo.payments.payu.PayUGateway;
import dev.bizo.payments.paypal.PayPalGateway;
import dev.bizo.payments.razorpay.RazorpayGateway;
import dev.bizo.payments.simulator.SimulatorCards;
import dev.bizo.payments.simulator.SimulatorGateway;
import dev.bizo.payments.spi.GatewayCredentials;
import dev.bizo.payments.spi.GatewayUnreachableException;
import dev.bizo.payments.spi.IdempotencyKey;
import dev.bizo.payments.spi.NextAction;
import dev.bizo.payments.spi.PaymentGateway;
import dev.bizo.payments.spi.PaymentMethod;
import dev.bizo.payments.stripe.StripeGateway;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Stripe, PayPal, Razorpay and PayU, each against its own WireMock server, installed together with the
 * simulator behind the real {@link dev.bizo.payments.GatewayRouter} and {@link PaymentService} on embedded
 * PostgreSQL: payments go where the tenant's per-currency rules say, fall back only past a gateway that provably
 * never received the request, and never after an UNKNOWN. Every test asserts the exact requests each server saw.
 */
@RealServices
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FourGatewayRoutingIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(3);
  private static final String PAYPAL_ORDER = "5O190127TN364715T";
  private static final String PAYPAL_APPROVAL = "https://www.sandbox.paypal.com/checkoutnow?token=" + PAYPAL_ORDER;
  private static final String PAYPAL_BASIC = "Basic " + Base64.getEncoder()
      .encodeToString("it_client:it_secret".getBytes(StandardCharsets.UTF_8));

  private final WireMockServer stripeApi = server();
  private final WireMockServer paypalApi = server();
  private final WireMockServer razorpayApi = server();
  private final WireMockServer payuApi = server();
  private PaymentsFixture fx;
  private PaymentGateway stripe;
  private PaymentGateway paypal;
  private PaymentGateway razorpay;
  private PaymentGateway payu;

  @BeforeAll
  void start(TestDatabase db) {
    fx = new PaymentsFixture(db, Clock.systemUTC());
    stripe = stripeAt(url(stripeApi));
    paypal = PayPalGateway.builder().apiBase(url(paypalApi)).connectTimeout(TIMEOUT).readTimeout(TIMEOUT).build();
    razorpay = RazorpayGateway.builder().apiBase(url(razorpayApi)).timeouts(TIMEOUT).build();
    payu = payuAt(url(payuApi));
  }

  @AfterAll
  void stop() {
    for (WireMockServer server : new WireMockServer[] {stripeApi, paypalApi, razorpayApi, payuApi}) {
      server.stop();
    }
    fx.close();
  }

  @BeforeEach
  void reset() {
    for (WireMockServer server : new WireMockServer[] {stripeApi, paypalApi, razorpayApi, payuApi}) {
      server.resetAll();
    }
    fx.gateway.initialCalls.set(0);
  }

  @Test
  void each_currency_goes_to_the_gateway_its_rule_names() {
    stripeApi.stubFor(post("/v1/payment_intents").withFormParam("currency", equalTo("eur"))
        .withFormParam("amount", equalTo("2500")).willReturn(okJson(stripeIntent("succeeded", 2500, "eur"))));
    paypalApi.stubFor(post("/v1/oauth2/token").withHeader("Authorization", equalTo(PAYPAL_BASIC))
        .willReturn(okJson("{\"access_token\":\"A21AA_it_token\",\"token_type\":\"Bearer\",\"expires_in\":32400}")));
    paypalApi.stubFor(post("/v2/checkout/orders").withHeader("PayPal-Request-Id", equalTo("it-usd-1"))
        .willReturn(okJson("{\"id\":\"" + PAYPAL_ORDER + "\",\"status\":\"PAYER_ACTION_REQUIRED\",\"links\":["
            + "{\"href\":\"" + PAYPAL_APPROVAL + "\",\"rel\":\"payer-action\",\"method\":\"GET\"}]}")));
    razorpayApi.stubFor(post("/v1/orders").withRequestBody(containing("\"amount\":99900"))
        .willReturn(okJson("{\"id\":\"order_It0000000001\",\"entity\":\"order\",\"amount\":99900,\"currency\":\"INR\","
            + "\"receipt\":\"it-inr-1\",\"status\":\"created\",\"attempts\":0,\"notes\":{},\"created_at\":1772446530}")));
    payuApi.stubFor(post(urlEqualTo(PayUGateway.POSTSERVICE_PATH)).withFormParam("command", equalTo("verify_payment"))
        .willReturn(okJson("{\"status\":0,\"msg\":\"0 out of 1 Transactions Fetched Successfully\","
            + "\"transaction_details\":{\"" + PayUGateway.txnid(IdempotencyKey.of("it-inr-2"))
            + "\":{\"mihpayid\":\"Not Found\",\"status\":\"Not Found\"}}}")));
    RoutingPolicy razorpayForRupees = RoutingPolicy.builder().defaultGateway(StripeGateway.ID)
        .forCurrency("USD", PayPalGateway.ID).forCurrency("INR", RazorpayGateway.ID).build();
    RoutingPolicy payuForRupees = RoutingPolicy.builder().defaultGateway(StripeGateway.ID)
        .forCurrency("INR", PayUGateway.ID).build();
    PaymentService first = service(razorpayForRupees, stripe, payu);
    PaymentService second = service(payuForRupees, stripe, payu);
    TenantId one = fx.newTenant();
    TenantId two = fx.newTenant();

    PaymentResponse eur = first.create(one, pay("25.00", "EUR", SimulatorCards.SUCCESS), IdempotencyKey.of("it-eur-1"));
    PaymentResponse usd = first.create(one, pay("10.00", "USD", PayPalGateway.CHECKOUT), IdempotencyKey.of("it-usd-1"));
    PaymentResponse inrRazorpay =
        first.create(one, pay("999.00", "INR", RazorpayGateway.CHECKOUT), IdempotencyKey.of("it-inr-1"));
    PaymentResponse inrPayU =
        second.create(two, pay("999.00", "INR", PayUGateway.HOSTED_CHECKOUT), IdempotencyKey.of("it-inr-2"));

    assertThat(eur.gatewayId()).isEqualTo(StripeGateway.ID);
    assertThat(eur.status()).isEqualTo(PaymentStatus.CAPTURED);
    assertThat(usd.gatewayId()).isEqualTo(PayPalGateway.ID);
    assertThat(usd.status()).isEqualTo(PaymentStatus.PENDING);
    assertThat(usd.nextAction()).contains(NextAction.approvalLink(URI.create(PAYPAL_APPROVAL)));
    assertThat(inrRazorpay.gatewayId()).isEqualTo(RazorpayGateway.ID);
    assertThat(inrRazorpay.nextAction()).contains(NextAction.clientSecret("order_It0000000001"));
    assertThat(inrPayU.gatewayId()).isEqualTo(PayUGateway.ID);
    assertThat(inrPayU.status()).isEqualTo(PaymentStatus.PENDING);
    HostedCheckoutForm form = HostedCheckoutForm.of(inrPayU.nextAction().orElseThrow());
    assertThat(form.fields()).containsEntry("amount", "999.00").containsEntry("key", "it_payu_key");

    assertThat(stripeApi.countRequestsMatching(anyRequestedFor(anyUrl()).build()).getCount()).isEqualTo(1);
    paypalApi.verify(1, postRequestedFor(urlEqualTo("/v1/oauth2/token")));
    paypalApi.verify(1, postRequestedFor(urlEqualTo("/v2/checkout/orders")));
    assertThat(paypalApi.getAllServeEvents()).hasSize(2);
    razorpayApi.verify(1, postRequestedFor(urlEqualTo("/v1/orders")));
    assertThat(razorpayApi.getAllServeEvents()).hasSize(1);
    payuApi.verify(1, postRequestedFor(urlEqualTo(PayUGateway.POSTSERVICE_PATH)));
    assertThat(payuApi.getAllServeEvents()).hasSize(1);
    assertThat(fx.gateway.initialCalls.get()).as("the simulator").isZero();
  }

  @Test
  void a_refused_connection_falls_back_to_the_next_gateway_which_takes_the_payment() {
    PaymentGateway stripeDown = stripeAt(refusedUrl());
    PaymentGateway payuDown = payuAt(refusedUrl());
    stripeApi.stubFor(post("/v1/payment_intents").withFormParam("currency", equalTo("inr"))
        .withFormParam("amount", equalTo("49900")).willReturn(okJson(stripeIntent("succeeded", 49900, "inr"))));
    RoutingPolicy policy = RoutingPolicy.builder().defaultGateway(StripeGateway.ID)
        .forCurrency("INR", PayUGateway.ID).fallbacks(SimulatorGateway.ID).build();
    TenantId tenant = fx.newTenant();

    PaymentResponse eur = service(policy, stripeDown, payu)
        .create(tenant, pay("30.00", "EUR", SimulatorCards.SUCCESS), IdempotencyKey.random());
    assertThat(eur.gatewayId()).isEqualTo(SimulatorGateway.ID);
    assertThat(eur.status()).isEqualTo(PaymentStatus.CAPTURED);
    assertThat(fx.gateway.initialCalls.get()).isEqualTo(1);

    PaymentResponse inr = service(policy, stripe, payuDown)
        .create(tenant, pay("499.00", "INR", PayUGateway.HOSTED_CHECKOUT), IdempotencyKey.random());
    assertThat(inr.gatewayId()).as("PayU refused the connection; Stripe, next for INR, took it")
        .isEqualTo(StripeGateway.ID);
    assertThat(inr.status()).isEqualTo(PaymentStatus.CAPTURED);

    assertThat(stripeApi.getAllServeEvents()).hasSize(1);
    assertThat(payuApi.getAllServeEvents()).isEmpty();
    assertThat(paypalApi.getAllServeEvents()).isEmpty();
    assertThat(razorpayApi.getAllServeEvents()).isEmpty();
    assertThat(fx.gateway.initialCalls.get()).as("the simulator, only for EUR").isEqualTo(1);
  }

  @Test
  void a_refusal_before_sending_fails_the_payment_without_trying_another_gateway() {
    RoutingPolicy policy = RoutingPolicy.builder().defaultGateway(StripeGateway.ID)
        .forCurrency("INR", RazorpayGateway.ID).fallbacks(PayUGateway.ID, SimulatorGateway.ID).build();
    PaymentResponse inr = service(policy, stripe, payu)
        .create(fx.newTenant(), pay("499.00", "INR", PayUGateway.HOSTED_CHECKOUT), IdempotencyKey.random());

    assertThat(inr.gatewayId()).isEqualTo(RazorpayGateway.ID);
    assertThat(inr.status()).isEqualTo(PaymentStatus.FAILED);
    assertThat(inr.declineCode()).contains(GatewayUnreachableException.CODE);
    for (WireMockServer server : new WireMockServer[] {stripeApi, paypalApi, razorpayApi, payuApi}) {
      assertThat(server.getAllServeEvents()).isEmpty();
    }
    assertThat(fx.gateway.initialCalls.get()).isZero();
  }

  @Test
  void an_http_500_after_sending_is_unknown_and_no_other_gateway_is_tried() {
    stripeApi.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)
        .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"type\":\"api_error\"}}")));
    RoutingPolicy policy = RoutingPolicy.builder().defaultGateway(StripeGateway.ID)
        .fallbacks(PayPalGateway.ID, SimulatorGateway.ID).build();
    PaymentResponse eur = service(policy, stripe, payu)
        .create(fx.newTenant(), pay("40.00", "EUR", SimulatorCards.SUCCESS), IdempotencyKey.random());

    assertThat(eur.gatewayId()).isEqualTo(StripeGateway.ID);
    assertThat(eur.status()).isEqualTo(PaymentStatus.UNKNOWN);
    assertThat(stripeApi.getAllServeEvents()).hasSize(1);
    assertThat(paypalApi.getAllServeEvents()).isEmpty();
    assertThat(fx.gateway.initialCalls.get()).isZero();
  }

  @Test
  void a_reset_or_a_timeout_after_sending_is_unknown_and_no_other_gateway_is_tried() {
    payuApi.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    razorpayApi.stubFor(any(anyUrl()).willReturn(okJson("{}").withFixedDelay((int) TIMEOUT.plusSeconds(2).toMillis())));
    RoutingPolicy payuFirst = RoutingPolicy.builder().defaultGateway(PayUGateway.ID)
        .fallbacks(RazorpayGateway.ID, SimulatorGateway.ID).build();
    RoutingPolicy razorpayFirst = RoutingPolicy.builder().defaultGateway(RazorpayGateway.ID)
        .fallbacks(PayUGateway.ID, SimulatorGateway.ID).build();

    PaymentResponse reset = service(payuFirst, stripe, payu)
        .create(fx.newTenant(), pay("499.00", "INR", PayUGateway.HOSTED_CHECKOUT), IdempotencyKey.random());
    assertThat(reset.gatewayId()).isEqualTo(PayUGateway.ID);
    assertThat(reset.status()).isEqualTo(PaymentStatus.UNKNOWN);
    assertThat(payuApi.getAllServeEvents()).hasSize(1);
    assertThat(razorpayApi.getAllServeEvents()).isEmpty();

    PaymentResponse late = service(razorpayFirst, stripe, payu)
        .create(fx.newTenant(), pay("499.00", "INR", RazorpayGateway.CHECKOUT), IdempotencyKey.random());
    assertThat(late.gatewayId()).isEqualTo(RazorpayGateway.ID);
    assertThat(late.status()).isEqualTo(PaymentStatus.UNKNOWN);
    assertThat(razorpayApi.getAllServeEvents()).hasSize(1);
    assertThat(payuApi.getAllServeEvents()).as("PayU saw only the earlier reset request").hasSize(1);
    assertThat(stripeApi.getAllServeEvents()).isEmpty();
    assertThat(fx.gateway.initialCalls.get()).isZero();
  }

  // ---------------------------------------------------------------- wiring

  /** The service with the four gateways and the counted simulator; {@code stripe} and {@code payu} may be down. */
  private PaymentService service(RoutingPolicy policy, PaymentGateway stripeInstance, PaymentGateway payuInstance) {
    GatewayCredentialsSource credentials = (tenant, gatewayId) -> GatewayCredentials.of(switch (gatewayId) {
      case StripeGateway.ID -> Map.of(StripeGateway.SECRET_KEY, "sk_test_it", StripeGateway.WEBHOOK_SECRET, "whsec_it");
      case PayPalGateway.ID -> Map.of(PayPalGateway.CLIENT_ID, "it_client", PayPalGateway.CLIENT_SECRET, "it_secret",
          PayPalGateway.WEBHOOK_ID, "WH-IT");
      case RazorpayGateway.ID -> Map.of(RazorpayGateway.KEY_ID, "rzp_test_it", RazorpayGateway.KEY_SECRET, "it_secret",
          RazorpayGateway.WEBHOOK_SECRET, "it_webhook");
      case PayUGateway.ID -> Map.of(PayUGateway.MERCHANT_KEY, "it_payu_key", PayUGateway.SALT, "it_payu_salt");
      default -> Map.of();
    });
    return fx.service(Clock.systemUTC(), credentials, policy, stripeInstance, paypal, razorpay, payuInstance);
  }

  private static NewPayment pay(String amount, String currency, String token) {
    return NewPayment.builder(Money.of(amount, currency), PaymentMethod.token(token))
        .description("IT order").returnUrl(URI.create("https://shop.example/return")).build();
  }

  private static StripeGateway stripeAt(URI base) {
    return StripeGateway.builder().apiBase(base).connectTimeout(TIMEOUT).readTimeout(TIMEOUT).build();
  }

  private static PayUGateway payuAt(URI base) {
    return PayUGateway.builder().checkoutBase(base).apiBase(base).timeouts(TIMEOUT).clock(Clock.systemUTC()).build();
  }

  private static String stripeIntent(String status, long amount, String currency) {
    return "{\"id\":\"pi_3ItIntent0000001\",\"object\":\"payment_intent\",\"amount\":" + amount
        + ",\"amount_capturable\":0,\"amount_received\":" + amount + ",\"capture_method\":\"automatic\","
        + "\"client_secret\":\"pi_3ItIntent0000001_secret_it\",\"confirmation_method\":\"automatic\","
        + "\"created\":1772446530,\"currency\":\"" + currency + "\",\"latest_charge\":\"ch_3ItCharge000001\","
        + "\"livemode\":false,\"metadata\":{},\"next_action\":null,\"payment_method\":\"pm_1ItCard\","
        + "\"payment_method_types\":[\"card\"],\"status\":\"" + status + "\"}";
  }

  private static WireMockServer server() {
    WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    server.start();
    return server;
  }

  private static URI url(WireMockServer server) {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  private static URI refusedUrl() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
