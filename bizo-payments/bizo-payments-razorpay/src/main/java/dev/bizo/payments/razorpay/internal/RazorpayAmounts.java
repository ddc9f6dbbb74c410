package dev.bizo.payments.razorpay.internal;

import dev.bizo.core.Money;
import dev.bizo.core.UnsupportedFeatureException;
import java.util.Currency;
import java.util.Locale;

/**
 * Converts {@link Money} to Razorpay's integer subunit {@code amount} and back. Razorpay counts two-decimal
 * currencies in the hundredth and JPY in whole yen, as ISO 4217 does; three-decimal currencies (KWD, BHD,
 * OMR) are counted in thousandths whose last digit must be 0, so they are refused rather than rounded.
 */
public final class RazorpayAmounts {

  private RazorpayAmounts() {}

  /**
   * Razorpay's {@code amount} for the money.
   *
   * @throws UnsupportedFeatureException {@code gateway.currency_unsupported} for three-decimal currencies
   */
  public static long toRazorpay(Money money) {
    requireSupportedScale(money.currency());
    return money.minorUnits();
  }

  /**
   * The money for a Razorpay {@code amount} and {@code currency}.
   *
   * @throws UnsupportedFeatureException {@code gateway.currency_unsupported} for three-decimal currencies
   */
  public static Money fromRazorpay(long amount, String currency) {
    Currency iso = Money.currency(currency.toUpperCase(Locale.ROOT));
    requireSupportedScale(iso);
    return Money.ofMinor(amount, iso);
  }

  private static void requireSupportedScale(Currency currency) {
    if (currency.getDefaultFractionDigits() > 2) {
      throw new UnsupportedFeatureException("gateway.currency_unsupported",
          "Razorpay only takes " + currency.getCurrencyCode() + " amounts ending in 0; three-decimal currencies are not supported");
    }
  }
}
