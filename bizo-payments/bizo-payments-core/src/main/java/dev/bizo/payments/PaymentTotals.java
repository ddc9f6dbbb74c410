package dev.bizo.payments;

import dev.bizo.core.Money;
import dev.bizo.core.ValidationException;
import java.util.Objects;

/**
 * The payments of one group in one currency: how many were created, what they asked for, and what of it
 * was captured and refunded by successful gateway operations. Amounts are never converted: every
 * {@link Money} here has the group's currency.
 *
 * @param key the group: a status, a gateway id or an ISO date (see {@link PaymentGrouping}); {@code "total"}
 *     for a currency's total
 * @param payments how many payments
 * @param amount the sum of their amounts
 * @param captured the sum of their successful purchases and captures
 * @param refunded the sum of their successful refunds
 */
public record PaymentTotals(String key, long payments, Money amount, Money captured, Money refunded) {

  /** Validates that the counts are not negative and that every amount has one currency. */
  public PaymentTotals {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(captured, "captured");
    Objects.requireNonNull(refunded, "refunded");
    if (payments < 0) {
      throw ValidationException.ofField("payments", "analytics.negative", "a payment count cannot be negative");
    }
    if (!amount.currency().equals(captured.currency()) || !amount.currency().equals(refunded.currency())) {
      throw ValidationException.ofField("currency", "money.currency_mismatch", "the totals of one group share one currency");
    }
  }

  /** What was captured and not refunded. */
  public Money net() {
    return captured.minus(refunded);
  }
}
