package dev.bizo.agents;

import dev.bizo.agents.spi.DayRange;
import dev.bizo.core.Money;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * The report generator's output. Every figure in {@link Metrics} is computed from the analytics tools; only
 * the narrative comes from the model (or the offline template).
 *
 * @param period the period
 * @param metrics the computed figures
 * @param narrative the explanation
 */
public record PeriodReport(DayRange period, Metrics metrics, String narrative) {

  /**
   * Figures for the period.
   *
   * @param newLeads leads created
   * @param qualifiedLeads leads qualified
   * @param convertedLeads leads converted
   * @param conversionRatePercent converted over new leads, in percent with one decimal
   * @param grossRevenue successful payments
   * @param refundedAmount refunds
   * @param netRevenue gross minus refunds
   * @param successfulPayments count of successful payments
   * @param failedPayments count of failed payments
   * @param refunds count of refunds
   * @param topChannel the channel with the most revenue, then most conversions, if any
   */
  public record Metrics(
      int newLeads,
      int qualifiedLeads,
      int convertedLeads,
      BigDecimal conversionRatePercent,
      Money grossRevenue,
      Money refundedAmount,
      Money netRevenue,
      int successfulPayments,
      int failedPayments,
      int refunds,
      Optional<String> topChannel) {
    /** Requires every field. */
    public Metrics {
      Objects.requireNonNull(conversionRatePercent, "conversionRatePercent");
      Objects.requireNonNull(grossRevenue, "grossRevenue");
      Objects.requireNonNull(refundedAmount, "refundedAmount");
      Objects.requireNonNull(netRevenue, "netRevenue");
      Objects.requireNonNull(topChannel, "topChannel");
    }
  }

  /** Requires every field. */
  public PeriodReport {
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(metrics, "metrics");
    StrategyPlan.requireText("narrative", narrative);
  }
}
