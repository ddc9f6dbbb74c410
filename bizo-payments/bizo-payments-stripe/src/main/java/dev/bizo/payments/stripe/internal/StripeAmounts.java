package dev.bizo.payments.stripe.internal;

import dev.bizo.core.Money;
import dev.bizo.core.UnsupportedFeatureException;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;

/**
 * Converts {@link Money} to Stripe's integer {@code amount} and back, because Stripe's minor unit differs
 * from ISO 4217 for a few currencies.
 *
 * <p>Stripe counts two-decimal currencies in cents and zero-decimal currencies (JPY, KRW, …) in whole units,
 * which matches {@link Money#minorUnits()}. It counts the three-decimal currencies (BHD, JOD, KWD, OMR, TND)
 * in thousandths but only accepts amounts whose last digit is 0, and treats ISK, HUF, TWD and UGX
 * differently from ISO; those currencies are refused here rather than rounded.
 */
public final class StripeAmounts {

  private static final Set<String> NOT_ISO_ALIGNED =
      Set.of("BHD", "JOD", "KWD", "OMR", "TND", "ISK", "HUF", "TWD", "UGX");

  private StripeAmounts() {}

  /** Whether Stripe's minor unit for the currency is exactly the ISO 4217 one. */
  public static boolean isoAligned(Currency currency) {
    return !NOT_ISO_ALIGNED.contains(currency.getCurrencyCode());
  }

  /**
   * Stripe's {@code amount} for the money.
   *
   * @throws UnsupportedFeatureException {@code gateway.currency_unsupported} when Stripe's unit is not the ISO one
   */
  public static long toStripe(Money money) {
    requireAligned(money.currency());
    return money.minorUnits();
  }

  /** Stripe's lower-case currency code. */
  public static String currencyCode(Money money) {
    return money.currency().getCurrencyCode().toLowerCase(Locale.ROOT);
  }

  /**
   * The money for a Stripe {@code amount} and {@code currency}.
   *
   * @throws UnsupportedFeatureException {@code gateway.currency_unsupported} when Stripe's unit is not the ISO one
   */
  public static Money fromStripe(long amount, String currency) {
    Currency iso = Money.currency(currency.toUpperCase(Locale.ROOT));
    requireAligned(iso);
    return Money.ofMinor(amount, iso);
  }

  private static void requireAligned(Currency currency) {
    if (!isoAligned(currency)) {
      throw new UnsupportedFeatureException("gateway.currency_unsupported",
          "Stripe's unit for " + currency.getCurrencyCode() + " differs from ISO 4217 minor units; not supported");
    }
  }
}
