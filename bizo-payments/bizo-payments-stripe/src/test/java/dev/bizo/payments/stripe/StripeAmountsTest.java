package dev.bizo.payments.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.Money;
import dev.bizo.core.UnsupportedFeatureException;
import dev.bizo.payments.stripe.internal.StripeAmounts;
import org.junit.jupiter.api.Test;

class StripeAmountsTest {

  @Test
  void two_decimal_currencies_are_sent_in_cents() {
    assertThat(StripeAmounts.toStripe(Money.of("19.99", "EUR"))).isEqualTo(1999);
    assertThat(StripeAmounts.fromStripe(1999, "eur")).isEqualTo(Money.of("19.99", "EUR"));
  }

  @Test
  void zero_decimal_yen_is_sent_in_whole_yen_both_ways() {
    assertThat(StripeAmounts.toStripe(Money.of("5000", "JPY"))).isEqualTo(5000);
    assertThat(StripeAmounts.fromStripe(5000, "jpy")).isEqualTo(Money.of("5000", "JPY"));
    assertThat(StripeAmounts.currencyCode(Money.of("5000", "JPY"))).isEqualTo("jpy");
  }

  @Test
  void three_decimal_dinar_is_refused_rather_than_rounded() {
    assertThatThrownBy(() -> StripeAmounts.toStripe(Money.of("12.345", "KWD")))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasFieldOrPropertyWithValue("code", "gateway.currency_unsupported");
    assertThatThrownBy(() -> StripeAmounts.fromStripe(12340, "kwd")).isInstanceOf(UnsupportedFeatureException.class);
  }

  @Test
  void currencies_whose_stripe_unit_differs_from_iso_are_refused() {
    assertThatThrownBy(() -> StripeAmounts.toStripe(Money.of("100", "ISK"))).isInstanceOf(UnsupportedFeatureException.class);
    assertThatThrownBy(() -> StripeAmounts.toStripe(Money.of("100", "HUF"))).isInstanceOf(UnsupportedFeatureException.class);
  }

  @Test
  void every_declared_currency_converts_exactly() {
    for (var currency : StripeGateway.declaredCapabilities().currencies()) {
      assertThat(StripeAmounts.isoAligned(currency)).as(currency.getCurrencyCode()).isTrue();
    }
    assertThat(StripeGateway.declaredCapabilities().supports(Money.currency("KWD"))).isFalse();
  }
}
