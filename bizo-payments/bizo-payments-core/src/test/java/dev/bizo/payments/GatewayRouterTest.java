package dev.bizo.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bizo.core.ConfigurationException;
import dev.bizo.core.Money;
import dev.bizo.core.Providers;
import dev.bizo.core.UnsupportedFeatureException;
import dev.bizo.payments.spi.GatewayCredentials;
import dev.bizo.payments.spi.GatewayResult;
import dev.bizo.payments.spi.GatewayUnreachableException;
import dev.bizo.payments.spi.IdempotencyKey;
import dev.bizo.payments.spi.PaymentGateway;
import dev.bizo.payments.spi.PaymentMethod;
import dev.bizo.payments.spi.PaymentRequest;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GatewayRouterTest {

  private static final Money EUR = Money.of("10.00", "EUR");
  private static final Money INR = Money.of("500.00", "INR");

  private static PaymentRequest request(Money amount) {
    return PaymentRequest.builder()
        .credentials(GatewayCredentials.none())
        .idempotencyKey(IdempotencyKey.of("route-1"))
        .amount(amount)
        .paymentMethod(PaymentMethod.token("tok"))
        .build();
  }

  private static GatewayRouter router(PaymentGateway... gateways) {
    Providers.Builder<PaymentGateway> b = Providers.builder(PaymentGateway.class, PaymentGateway::id).discover(false);
    for (PaymentGateway g : gateways) {
      b.register(g);
    }
    return new GatewayRouter(b.build());
  }

  private static RoutedResult purchase(GatewayRouter router, RoutingPolicy policy, Optional<String> explicit, Money amount) {
    return router.route(policy, explicit, amount.currency(), g -> g.purchase(request(amount)));
  }

  @Test
  void routes_by_currency_rule_before_the_default() {
    ScriptedGateway stripe = ScriptedGateway.answering("stripe", GatewayResult.success("pi_1", EUR), "EUR", "INR");
    ScriptedGateway razorpay = ScriptedGateway.answering("razorpay", GatewayResult.success("pay_1", INR), "INR");
    RoutingPolicy policy = RoutingPolicy.builder().defaultGateway("stripe").forCurrency("INR", "razorpay").build();
    GatewayRouter router = router(stripe, razorpay);

    assertThat(purchase(router, policy, Optional.empty(), INR).gateway().id()).isEqualTo("razorpay");
    assertThat(purchase(router, policy, Optional.empty(), EUR).gateway().id()).isEqualTo("stripe");
    assertThat(razorpay.received).hasSize(1);
    assertThat(stripe.received).hasSize(1);
  }

  @Test
  void an_explicit_choice_wins_and_never_falls_back() {
    ScriptedGateway paypal = ScriptedGateway.unreachable("paypal", "EUR");
    ScriptedGateway stripe = ScriptedGateway.answering("stripe", GatewayResult.success("pi_1", EUR), "EUR");
    RoutingPolicy policy = RoutingPolicy.builder().defaultGateway("stripe").fallbacks("stripe").build();

    assertThatThrownBy(() -> purchase(router(paypal, stripe), policy, Optional.of("paypal"), EUR))
        .isInstanceOf(GatewayUnreachableException.class);
    assertThat(stripe.received).isEmpty();
  }

  @Test
  void falls_back_to_the_next_gateway_after_a_never_sent_failure() {
    ScriptedGateway stripe = ScriptedGateway.unreachable("stripe", "EUR");
    ScriptedGateway paypal = ScriptedGateway.answering("paypal", GatewayResult.success("o_1", EUR), "EUR");
    RoutingPolicy policy = RoutingPolicy.builder().defaultGateway("stripe").fallbacks("paypal").build();

    RoutedResult routed = purchase(router(stripe, paypal), policy, Optional.empty(), EUR);

    assertThat(routed.gateway().id()).isEqualTo("paypal");
    assertThat(routed.fellBack()).isTrue();
    assertThat(routed.skipped()).extracting(GatewayUnreachableException::gatewayId).containsExactly("stripe");
    assertThat(paypal.received).singleElement()
        .satisfies(r -> assertThat(r.idempotencyKey().value()).isEqualTo("route-1"));
  }

  @Test
  void never_falls_back_after_unknown() {
    ScriptedGateway stripe = ScriptedGateway.answering("stripe", GatewayResult.unknown(null, "read timeout"), "EUR");
    ScriptedGateway paypal = ScriptedGateway.answering("paypal", GatewayResult.success("o_1", EUR), "EUR");
    RoutingPolicy policy = RoutingPolicy.builder().defaultGateway("stripe").fallbacks("paypal").build();

    RoutedResult routed = purchase(router(stripe, paypal), policy, Optional.empty(), EUR);

    assertThat(routed.gateway().id()).isEqualTo("stripe");
    assertThat(routed.result().outcome()).isEqualTo(GatewayResult.Outcome.UNKNOWN);
    assertThat(routed.fellBack()).isFalse();
    assertThat(paypal.received).isEmpty();
  }

  @Test
  void never_falls_back_after_a_decline() {
    ScriptedGateway stripe = ScriptedGateway.answering(
        "stripe", GatewayResult.declined("pi_1", "card_declined", "declined"), "EUR");
    ScriptedGateway paypal = ScriptedGateway.answering("paypal", GatewayResult.success("o_1", EUR), "EUR");
    RoutingPolicy policy = RoutingPolicy.builder().defaultGateway("stripe").fallbacks("paypal").build();

    RoutedResult routed = purchase(router(stripe, paypal), policy, Optional.empty(), EUR);

    assertThat(routed.result().outcome()).isEqualTo(GatewayResult.Outcome.DECLINED);
    assertThat(paypal.received).isEmpty();
  }

  @Test
  void when_every_gateway_is_unreachable_the_last_failure_carries_the_others() {
    RoutingPolicy policy = RoutingPolicy.builder().defaultGateway("a").fallbacks("b", "c").build();
    GatewayUnreachableException e = catchThrowableOfType(GatewayUnreachableException.class,
        () -> purchase(router(ScriptedGateway.unreachable("a", "EUR"), ScriptedGateway.unreachable("b", "EUR"),
            ScriptedGateway.unreachable("c", "EUR")), policy, Optional.empty(), EUR));
    assertThat(e.gatewayId()).isEqualTo("c");
    assertThat(e.getSuppressed()).hasSize(2);
  }

  @Test
  void skips_candidates_that_do_not_settle_the_currency() {
    ScriptedGateway stripe = ScriptedGateway.answering("stripe", GatewayResult.success("pi_1", EUR), "EUR");
    ScriptedGateway razorpay = ScriptedGateway.answering("razorpay", GatewayResult.success("pay_1", INR), "INR");
    RoutingPolicy policy = RoutingPolicy.builder().defaultGateway("stripe").fallbacks("razorpay").build();

    assertThat(router(stripe, razorpay).candidates(policy, Optional.empty(), INR.currency()))
        .extracting(PaymentGateway::id).containsExactly("razorpay");
  }

  @Test
  void no_gateway_for_the_currency_is_unsupported() {
    ScriptedGateway stripe = ScriptedGateway.answering("stripe", GatewayResult.success("pi_1", EUR), "EUR");
    RoutingPolicy policy = RoutingPolicy.builder().defaultGateway("stripe").build();
    UnsupportedFeatureException e = catchThrowableOfType(UnsupportedFeatureException.class,
        () -> router(stripe).candidates(policy, Optional.empty(), INR.currency()));
    assertThat(e.code()).isEqualTo("payment.no_gateway_for_currency");
  }

  @Test
  void a_policy_naming_a_missing_gateway_is_a_configuration_error() {
    RoutingPolicy policy = RoutingPolicy.builder().defaultGateway("adyen").build();
    ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
        () -> router(ScriptedGateway.answering("stripe", GatewayResult.success("x", EUR), "EUR"))
            .candidates(policy, Optional.empty(), EUR.currency()));
    assertThat(e.code()).isEqualTo("payment.gateway_not_installed");
    assertThat(e.getMessage()).contains("adyen").contains("stripe");
  }

  @Test
  void validation_errors_are_not_a_reason_to_fall_back() {
    ScriptedGateway stripe = ScriptedGateway.answering("stripe", GatewayResult.success("pi_1", EUR), "EUR");
    ScriptedGateway paypal = ScriptedGateway.answering("paypal", GatewayResult.success("o_1", EUR), "EUR");
    RoutingPolicy policy = RoutingPolicy.builder().defaultGateway("stripe").fallbacks("paypal").build();
    Money zero = Money.zero(EUR.currency());
    assertThatThrownBy(() -> purchase(router(stripe, paypal), policy, Optional.empty(), zero))
        .isInstanceOf(dev.bizo.core.ValidationException.class);
    assertThat(paypal.received).isEmpty();
  }
}
