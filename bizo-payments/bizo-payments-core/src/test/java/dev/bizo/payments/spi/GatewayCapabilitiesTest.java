package dev.bizo.payments.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bizo.core.Money;
import dev.bizo.core.UnsupportedFeatureException;
import dev.bizo.core.ValidationException;
import org.junit.jupiter.api.Test;

class GatewayCapabilitiesTest {

  private final GatewayCapabilities basic = GatewayCapabilities.builder()
      .manualCapture(true)
      .currencies("EUR", "JPY")
      .maxAmount(Money.of("1000.00", "EUR"))
      .build();

  @Test
  void accepts_a_positive_amount_up_to_the_maximum() {
    assertThatCode(() -> basic.requireAcceptable("amount", Money.of("1000.00", "EUR"))).doesNotThrowAnyException();
    assertThatCode(() -> basic.requireAcceptable("amount", Money.of("99999999", "JPY"))).doesNotThrowAnyException();
  }

  @Test
  void refuses_zero_negative_and_above_maximum_as_validation_errors() {
    ValidationException zero = catchThrowableOfType(ValidationException.class,
        () -> basic.requireAcceptable("amount", Money.of("0", "EUR")));
    assertThat(zero.fieldErrors()).extracting(ValidationException.FieldError::code).containsExactly("not_positive");
    assertThatThrownBy(() -> basic.requireAcceptable("amount", Money.of("-5.00", "EUR")))
        .isInstanceOf(ValidationException.class);
    ValidationException above = catchThrowableOfType(ValidationException.class,
        () -> basic.requireAcceptable("amount", Money.of("1000.01", "EUR")));
    assertThat(above.fieldErrors()).extracting(ValidationException.FieldError::code).containsExactly("above_maximum");
  }

  @Test
  void refuses_an_unsupported_currency_as_unsupported_feature() {
    UnsupportedFeatureException e = catchThrowableOfType(UnsupportedFeatureException.class,
        () -> basic.requireAcceptable("amount", Money.of("1.000", "KWD")));
    assertThat(e.code()).isEqualTo("gateway.currency_unsupported");
  }

  @Test
  void refuses_undeclared_operations() {
    Money full = Money.of("10.00", "EUR");
    Money part = Money.of("4.00", "EUR");
    assertThatCode(() -> basic.requireCapture(full, full)).doesNotThrowAnyException();
    assertThat(catchThrowableOfType(UnsupportedFeatureException.class, () -> basic.requireCapture(part, full)).code())
        .isEqualTo("gateway.partial_capture_unsupported");
    assertThat(catchThrowableOfType(UnsupportedFeatureException.class, () -> basic.requireRefund(part, full)).code())
        .isEqualTo("gateway.partial_refund_unsupported");
    assertThat(catchThrowableOfType(UnsupportedFeatureException.class, basic::requireVoid).code())
        .isEqualTo("gateway.void_unsupported");
    GatewayCapabilities purchaseOnly = GatewayCapabilities.builder().currencies("EUR").build();
    assertThat(catchThrowableOfType(UnsupportedFeatureException.class, purchaseOnly::requireManualCapture).code())
        .isEqualTo("gateway.manual_capture_unsupported");
  }

  @Test
  void refuses_capturing_or_refunding_more_than_available() {
    Money ten = Money.of("10.00", "EUR");
    assertThatThrownBy(() -> basic.requireCapture(Money.of("10.01", "EUR"), ten)).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> basic.requireRefund(Money.of("10.01", "EUR"), ten)).isInstanceOf(ValidationException.class);
  }

  @Test
  void rejects_inconsistent_declarations() {
    assertThatThrownBy(() -> GatewayCapabilities.builder().build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GatewayCapabilities.builder().currencies("EUR").partialCapture(true).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GatewayCapabilities.builder().currencies("EUR").maxAmount(Money.of("1", "JPY")).build())
        .isInstanceOf(IllegalArgumentException.class);
  }
}
