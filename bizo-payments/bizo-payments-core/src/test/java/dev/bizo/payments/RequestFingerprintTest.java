package dev.bizo.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.Money;
import dev.bizo.payments.spi.GatewayCredentials;
import dev.bizo.payments.spi.GatewayOperation;
import dev.bizo.payments.spi.IdempotencyKey;
import dev.bizo.payments.spi.PaymentMethod;
import dev.bizo.payments.spi.PaymentRequest;
import java.net.URI;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestFingerprintTest {

  private static final PaymentRequest BASE = PaymentRequest.builder()
      .credentials(GatewayCredentials.of(Map.of("secret_key", "sk_1")))
      .idempotencyKey(IdempotencyKey.of("key-1"))
      .amount(Money.of("19.99", "EUR"))
      .paymentMethod(PaymentMethod.token("pm_card_visa"))
      .merchantReference("order-7")
      .description("T-shirt")
      .returnUrl(URI.create("https://shop.example/back"))
      .metadata("color", "blue")
      .build();

  private static RequestFingerprint of(PaymentRequest r) {
    return RequestFingerprint.of(GatewayOperation.PURCHASE, r);
  }

  @Test
  void is_stable_for_the_same_request() {
    assertThat(of(BASE)).isEqualTo(of(BASE.toBuilder().build()));
    assertThat(of(BASE).value()).matches("sha256:[0-9a-f]{64}");
  }

  @Test
  void ignores_the_idempotency_key_and_credentials() {
    PaymentRequest other = BASE.toBuilder()
        .idempotencyKey(IdempotencyKey.of("key-2"))
        .credentials(GatewayCredentials.of(Map.of("secret_key", "sk_2")))
        .build();
    assertThat(of(other)).isEqualTo(of(BASE));
  }

  static Stream<Arguments> oneParameterChanged() {
    return Stream.of(
        change("amount", b -> b.amount(Money.of("19.98", "EUR"))),
        change("currency", b -> b.amount(Money.of("19.99", "USD"))),
        change("payment method", b -> b.paymentMethod(PaymentMethod.token("pm_card_mastercard"))),
        change("merchant reference", b -> b.merchantReference("order-8")),
        change("description", b -> b.description("T-shirt ")),
        change("return url", b -> b.returnUrl(URI.create("https://shop.example/back2"))),
        change("metadata value", b -> b.metadata("color", "red")),
        change("metadata added", b -> b.metadata("size", "M")));
  }

  private static Arguments change(String name, UnaryOperator<PaymentRequest.Builder> edit) {
    return Arguments.of(name, edit);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("oneParameterChanged")
  void changes_when_any_parameter_changes(String name, UnaryOperator<PaymentRequest.Builder> edit) {
    assertThat(of(edit.apply(BASE.toBuilder()).build())).isNotEqualTo(of(BASE));
  }

  @Test
  void changes_with_the_operation() {
    assertThat(RequestFingerprint.of(GatewayOperation.AUTHORIZE, BASE)).isNotEqualTo(of(BASE));
  }

  @Test
  void does_not_depend_on_the_order_parameters_are_given_in() {
    RequestFingerprint ab = RequestFingerprint.builder("refund").put("a", "1").put("b", "2").build();
    RequestFingerprint ba = RequestFingerprint.builder("refund").put("b", "2").put("a", "1").build();
    assertThat(ab).isEqualTo(ba);
  }

  @Test
  void is_unambiguous_about_field_boundaries_and_absence() {
    assertThat(RequestFingerprint.builder("x").put("a", "bc").build())
        .isNotEqualTo(RequestFingerprint.builder("x").put("ab", "c").build());
    assertThat(RequestFingerprint.builder("x").put("a", (String) null).build())
        .isNotEqualTo(RequestFingerprint.builder("x").put("a", "").build());
    assertThat(RequestFingerprint.builder("x").put("a", "1:b").build())
        .isNotEqualTo(RequestFingerprint.builder("x").put("a", "1").put("b", "").build());
  }

  @Test
  void refuses_a_parameter_given_twice() {
    assertThatThrownBy(() -> RequestFingerprint.builder("x").put("a", "1").put("a", "2"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
