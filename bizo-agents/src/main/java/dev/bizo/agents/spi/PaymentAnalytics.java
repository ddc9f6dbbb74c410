package dev.bizo.agents.spi;

import dev.bizo.core.Money;
import dev.bizo.core.ValidationException;
import java.util.List;
import java.util.Objects;

/**
 * Payment figures for one tenant and period, as computed by the payments module.
 *
 * @param period the period
 * @param grossRevenue sum of successful payments
 * @param succeeded number of successful payments
 * @param failed number of failed payments
 * @param refunded number of refunds
 * @param refundedAmount sum of refunds, in the revenue's currency
 * @param unconvertedNetRevenue net revenue (captured minus refunded) in each currency that could not be converted
 *     into the revenue's currency, one entry per currency: counted in the payment counts but not in the sums
 */
public record PaymentAnalytics(
    DayRange period, Money grossRevenue, int succeeded, int failed, int refunded, Money refundedAmount,
    List<Money> unconvertedNetRevenue) {

  /** Validates counts and currencies, and copies the list. */
  public PaymentAnalytics {
    Objects.requireNonNull(period, "period");
    unconvertedNetRevenue = List.copyOf(unconvertedNetRevenue);
    Objects.requireNonNull(grossRevenue, "grossRevenue");
    Objects.requireNonNull(refundedAmount, "refundedAmount");
    if (succeeded < 0 || failed < 0 || refunded < 0) {
      throw ValidationException.ofField("succeeded", "analytics.negative", "payment counts must not be negative");
    }
    if (!grossRevenue.currency().equals(refundedAmount.currency())) {
      throw ValidationException.ofField("refundedAmount", "money.currency_mismatch", "refunds use another currency");
    }
    for (Money m : unconvertedNetRevenue) {
      if (m.currency().equals(grossRevenue.currency())) {
        throw ValidationException.ofField("unconvertedNetRevenue", "money.currency_mismatch",
            "revenue in the revenue's own currency is always converted");
      }
    }
  }

  /** Figures all in one currency: nothing left unconverted. */
  public PaymentAnalytics(DayRange period, Money grossRevenue, int succeeded, int failed, int refunded, Money refundedAmount) {
    this(period, grossRevenue, succeeded, failed, refunded, refundedAmount, List.of());
  }

  /**
   * Revenue after refunds.
   *
   * @return gross revenue minus refunded amount
   */
  public dev.bizo.core.Money netRevenue() {
    return grossRevenue.minus(refundedAmount);
  }
}
