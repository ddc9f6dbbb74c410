package dev.bizo.payments.paypal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.Money;
import dev.bizo.core.UnsupportedFeatureException;
import dev.bizo.core.ValidationException;
import dev.bizo.payments.paypal.internal.PayPalAmounts;
import dev.bizo.payments.spi.GatewayCapabilities;
import org.junit.jupiter.api.Test;

class PayPalAmountsTest {

  private final GatewayCapabilities caps = PayPalGateway.declaredCapabilities();

  @Test
  void two_decimal_currencies_are_sent_as_decimal_strings_with_both_digits() {
    assertThat(PayPalAmounts.value(Money.ofMinor(10000, "EUR"))).isEqualTo("100.00");
    assertThat(PayPalAmounts.value(Money.ofMinor(5, "USD"))).isEqualTo("0.05");
    assertThat(PayPalAmounts.value(Money.ofMinor(123456789012L, "GBP"))).isEqualTo("1234567890.12");
  }

  @Test
  void zero_decimal_yen_is_sent_and_read_in_whole_yen() {
    Money yen = Money.of("5000", "JPY");
    assertThat(PayPalAmounts.value(yen)).isEqualTo("5000");
    assertThat(PayPalAmounts.fromPayPal("5000", "JPY")).isEqualTo(yen);
    assertThat(caps.supports(yen.currency())).isTrue();
  }

  @Test
  void amounts_read_back_are_exact_and_never_rounded() {
    assertThat(PayPalAmounts.fromPayPal("40.00", "EUR")).isEqualTo(Money.ofMinor(4000, "EUR"));
    assertThat(PayPalAmounts.fromPayPal("40", "EUR")).isEqualTo(Money.ofMinor(4000, "EUR"));
    assertThatThrownBy(() -> PayPalAmounts.fromPayPal("40.001", "EUR")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> PayPalAmounts.fromPayPal("12.5", "JPY")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> PayPalAmounts.fromPayPal(null, "EUR")).isInstanceOf(ValidationException.class);
  }

  @Test
  void kuwaiti_dinar_is_refused_as_unsupported_by_paypal() {
    UnsupportedFeatureException e = (UnsupportedFeatureException) org.assertj.core.api.Assertions.catchThrowable(
        () -> caps.requireAcceptable("amount", Money.of("12.345", "KWD")));
    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo("gateway.currency_unsupported");
    assertThat(e.getMessage()).contains("KWD");
  }

  @Test
  void currencies_paypal_takes_without_their_iso_decimals_are_not_declared() {
    for (String code : new String[] {"HUF", "TWD", "KWD", "BHD", "CNY"}) {
      assertThat(caps.supports(Money.currency(code))).as(code).isFalse();
    }
  }

  @Test
  void every_declared_currency_round_trips_exactly() {
    for (String code : PayPalAmounts.CURRENCIES) {
      Money money = Money.ofMinor(123457, code);
      assertThat(PayPalAmounts.fromPayPal(PayPalAmounts.toPayPal(money))).as(code).isEqualTo(money);
    }
    assertThat(caps.currencies()).hasSize(PayPalAmounts.CURRENCIES.size());
  }
}
