package dev.bizo.payments;

import dev.bizo.core.ValidationException;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * A tenant's payments created in {@code [from, to)}, per currency and never converted: each currency that
 * has a payment in the period has its entry, so no amount is silently left out.
 *
 * @param from the first instant counted
 * @param to the first instant no longer counted
 * @param groupBy how each currency's payments are split
 * @param currencies one entry per currency, by currency code
 */
public record PaymentReport(Instant from, Instant to, PaymentGrouping groupBy, List<PerCurrency> currencies) {

  /** Validates the period and copies the list. */
  public PaymentReport {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(groupBy, "groupBy");
    requirePeriod(from, to);
    currencies = List.copyOf(currencies);
  }

  /**
   * Checks a report's period before anything is read.
   *
   * @throws ValidationException {@code period.empty} when {@code to} is not after {@code from}
   */
  static void requirePeriod(Instant from, Instant to) {
    if (!from.isBefore(to)) {
      throw ValidationException.ofField("to", "period.empty", "the period must end after it starts");
    }
  }

  /**
   * One currency's payments.
   *
   * @param currency the currency of every amount here
   * @param total all of the currency's payments in the period
   * @param groups the same split by {@link PaymentReport#groupBy()}, in key order
   */
  public record PerCurrency(Currency currency, PaymentTotals total, List<PaymentTotals> groups) {

    /** Validates that every amount is in {@code currency}, and copies the list. */
    public PerCurrency {
      Objects.requireNonNull(currency, "currency");
      Objects.requireNonNull(total, "total");
      groups = List.copyOf(groups);
      for (PaymentTotals t : groups) {
        if (!t.amount().currency().equals(currency)) {
          throw ValidationException.ofField("currency", "money.currency_mismatch", "a group of " + currency + " has " + t.amount().currency());
        }
      }
      if (!total.amount().currency().equals(currency)) {
        throw ValidationException.ofField("currency", "money.currency_mismatch", "the total of " + currency + " has " + total.amount().currency());
      }
    }
  }
}
