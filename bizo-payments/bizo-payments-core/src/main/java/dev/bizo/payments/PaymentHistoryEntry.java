package dev.bizo.payments;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One append-only line of a payment's history: a change of the payment's status, of one of its
 * transactions, or both. Exactly one entry is written per change; repeating a known outcome writes none.
 *
 * @param at when the change happened, by the payment's clock
 * @param from the payment status before; empty for the creation entry
 * @param to the payment status after (equal to {@code from} when only a transaction changed)
 * @param transactionId the transaction that changed, if any
 * @param transactionStatus that transaction's new status, if any
 * @param note what happened, for people
 */
public record PaymentHistoryEntry(
    Instant at,
    Optional<PaymentStatus> from,
    PaymentStatus to,
    Optional<TransactionId> transactionId,
    Optional<TransactionStatus> transactionStatus,
    String note) {

  /** Validates presence. */
  public PaymentHistoryEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(transactionStatus, "transactionStatus");
    Objects.requireNonNull(note, "note");
  }
}
