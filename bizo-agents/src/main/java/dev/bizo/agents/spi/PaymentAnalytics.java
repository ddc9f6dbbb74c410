package dev.bizo.agents.spi;

import dev.bizo.core.Money;
import dev.bizo.core.ValidationException;
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
 */
public record PaymentAnalytics(
    DayRange period, Money grossRevenue, int succeeded, int failed, int refunded, Money refundedAmount) {

  /** Validates counts and currencies. */
  public PaymentAnalytics {
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(grossRevenue, "grossRevenue");
    Objects.requireNonNull(refundedAmount, "refundedAmount");
    if (succeeded < 0 || failed < 0 || refunded < 0) {
      throw ValidationException.ofField("succeeded", "analytics.negative", "payment counts must not be negative");
    }
    if (!grossRevenue.currency().equals(refundedAmount.currency())) {
      throw ValidationException.ofField("refundedAmount", "money.currency_mismatch", "refunds use another currency");
    }
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
