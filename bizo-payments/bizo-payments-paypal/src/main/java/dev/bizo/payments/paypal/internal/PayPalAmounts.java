package dev.bizo.payments.paypal.internal;

import dev.bizo.core.Money;
import dev.bizo.core.ValidationException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * Converts between {@link Money} in minor units and PayPal's {@code {currency_code, value}} pairs, whose
 * value is a decimal string in major units with exactly the currency's ISO 4217 fraction digits.
 */
public final class PayPalAmounts {

  /**
   * The currencies PayPal settles with the ISO 4217 number of decimals. HUF and TWD are left out (PayPal
   * refuses decimals for them although ISO gives them two), and CNY (in-border payments only).
   */
  public static final List<String> CURRENCIES = List.of(
      "AUD", "BRL", "CAD", "CHF", "CZK", "DKK", "EUR", "GBP", "HKD", "ILS", "JPY", "MXN", "MYR", "NOK", "NZD",
      "PHP", "PLN", "SEK", "SGD", "THB", "USD");

  private PayPalAmounts() {}

  /** The decimal string PayPal expects, e.g. {@code 100.00} EUR, {@code 5000} JPY; never rounded. */
  public static String value(Money money) {
    Objects.requireNonNull(money, "money");
    return BigDecimal.valueOf(money.minorUnits(), money.fractionDigits()).toPlainString();
  }

  /** The ISO code PayPal expects. */
  public static String currencyCode(Money money) {
    return money.currency().getCurrencyCode();
  }

  /** PayPal's amount object for requests. */
  public static com.paypal.sdk.models.Money toPayPal(Money money) {
    return new com.paypal.sdk.models.Money.Builder(currencyCode(money), value(money)).build();
  }

  /**
   * Reads an amount PayPal reported.
   *
   * @throws ValidationException if the value is not a decimal number or has more digits than the currency
   */
  public static Money fromPayPal(String value, String currencyCode) {
    if (value == null || currencyCode == null) {
      throw ValidationException.ofField("amount", "missing", "PayPal reported no amount");
    }
    return Money.of(value, currencyCode);
  }

  /** Reads PayPal's amount object. */
  public static Money fromPayPal(com.paypal.sdk.models.Money amount) {
    if (amount == null) {
      throw ValidationException.ofField("amount", "missing", "PayPal reported no amount");
    }
    return fromPayPal(amount.getValue(), amount.getCurrencyCode());
  }
}
