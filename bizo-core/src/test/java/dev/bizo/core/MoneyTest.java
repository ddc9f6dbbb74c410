package dev.bizo.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Currency;
import org.junit.jupiter.api.Test;

class MoneyTest {

  @Test
  void parses_decimal_amounts_into_minor_units() {
    assertThat(Money.of("19.99", "EUR").minorUnits()).isEqualTo(1999);
    assertThat(Money.of("19.9", "EUR").minorUnits()).isEqualTo(1990);
    assertThat(Money.of(" 7 ", "usd").minorUnits()).isEqualTo(700);
    assertThat(Money.of("-0.01", "EUR").minorUnits()).isEqualTo(-1);
  }

  @Test
  void trailing_zeros_beyond_the_exponent_are_not_precision() {
    assertThat(Money.of("19.9900", "EUR").minorUnits()).isEqualTo(1999);
    assertThat(Money.of("500.00", "JPY").minorUnits()).isEqualTo(500);
  }

  @Test
  void refuses_to_round_excess_precision() {
    assertThatThrownBy(() -> Money.of("19.999", "EUR"))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> {
          ValidationException v = (ValidationException) e;
          assertThat(v.code()).isEqualTo("validation_failed");
          assertThat(v.fieldErrors()).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo("amount");
            assertThat(f.code()).isEqualTo("too_precise");
          });
        });
  }

  @Test
  void yen_has_no_minor_unit() {
    Money yen = Money.of("1500", "JPY");
    assertThat(yen.fractionDigits()).isZero();
    assertThat(yen.minorUnits()).isEqualTo(1500);
    assertThat(yen.toString()).isEqualTo("JPY 1500");
    assertThatThrownBy(() -> Money.of("1500.5", "JPY")).isInstanceOf(ValidationException.class);
  }

  @Test
  void kuwaiti_dinar_has_three_fraction_digits() {
    Money kwd = Money.of("1.234", "KWD");
    assertThat(kwd.fractionDigits()).isEqualTo(3);
    assertThat(kwd.minorUnits()).isEqualTo(1234);
    assertThat(kwd.toDecimal()).isEqualByComparingTo(new BigDecimal("1.234"));
    assertThat(kwd.toString()).isEqualTo("KWD 1.234");
    assertThatThrownBy(() -> Money.of("1.2345", "KWD")).isInstanceOf(ValidationException.class);
  }

  @Test
  void adds_and_subtracts_within_one_currency() {
    Money a = Money.ofMinor(1999, "EUR");
    Money b = Money.ofMinor(1, "EUR");
    assertThat(a.plus(b)).isEqualTo(Money.ofMinor(2000, "EUR"));
    assertThat(a.minus(b).minus(a)).isEqualTo(Money.ofMinor(-1, "EUR"));
    assertThat(b.times(3)).isEqualTo(Money.ofMinor(3, "EUR"));
    assertThat(a.isGreaterThan(b)).isTrue();
  }

  @Test
  void refuses_to_mix_currencies() {
    Money eur = Money.ofMinor(100, "EUR");
    Money usd = Money.ofMinor(100, "USD");
    assertThatThrownBy(() -> eur.plus(usd))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("EUR")
        .hasMessageContaining("USD")
        .extracting(e -> ((BizoException) e).code())
        .isEqualTo("money.currency_mismatch");
    assertThatThrownBy(() -> eur.minus(usd)).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> eur.compareTo(usd)).isInstanceOf(ValidationException.class);
  }

  @Test
  void refuses_overflow_instead_of_wrapping() {
    Money max = Money.ofMinor(Long.MAX_VALUE, "EUR");
    assertThatThrownBy(() -> max.plus(Money.ofMinor(1, "EUR")))
        .isInstanceOf(ValidationException.class)
        .extracting(e -> ((BizoException) e).code())
        .isEqualTo("money.overflow");
    assertThatThrownBy(() -> Money.of("99999999999999999999", "EUR")).isInstanceOf(ValidationException.class);
  }

  @Test
  void rejects_unknown_currencies_and_non_money_codes() {
    assertThatThrownBy(() -> Money.of("1", "ABC"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("ABC");
    assertThatThrownBy(() -> Money.ofMinor(1, Currency.getInstance("XXX")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("XXX");
    assertThatThrownBy(() -> Money.of("twelve", "EUR")).isInstanceOf(ValidationException.class);
  }

  @Test
  void round_trips_through_decimal() {
    for (String code : new String[] {"EUR", "JPY", "KWD", "INR"}) {
      Money m = Money.ofMinor(123456, code);
      assertThat(Money.of(m.toDecimal(), m.currency())).isEqualTo(m);
    }
  }
}
