package dev.bizo.payments.payu.internal;

import dev.bizo.core.Money;
import java.math.BigDecimal;
import java.util.Currency;

/**
 * PayU India takes and reports amounts as decimal rupees ({@code "100.00"}); our money is paise. Converted
 * exactly: an amount PayU reports with more than two decimals is refused rather than rounded.
 */
public final class PayUAmounts {

  /** The one currency PayU India settles. */
  public static final Currency INR = Money.currency("INR");

  private PayUAmounts() {}

  /** {@code 10000} paise as {@code "100.00"}. */
  public static String toPayU(Money amount) {
    if (!amount.currency().equals(INR)) {
      throw new IllegalArgumentException("PayU amounts are INR, got " + amount.currency());
    }
    return amount.toDecimal().setScale(2).toPlainString();
  }

  /**
   * PayU's decimal rupees as money.
   *
   * @throws NumberFormatException when the text is not a decimal
   * @throws ArithmeticException when it has more than two decimals
   */
  public static Money fromPayU(String rupees) {
    BigDecimal value = new BigDecimal(rupees.trim());
    long paise = value.movePointRight(2).longValueExact();
    return Money.ofMinor(paise, INR);
  }
}
