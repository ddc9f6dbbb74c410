package dev.bizo.payments.internal.persistence;

import dev.bizo.payments.Payment;
import dev.bizo.payments.Transaction;
import dev.bizo.payments.TransactionId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A payment together with what it looked like when loaded, so {@link PaymentStore#saveChanges} writes only
 * the changes: new and changed transactions, and the history rows added since.
 *
 * @param payment the aggregate, changed in place by the caller
 * @param originalTransactions the transactions as loaded, by id
 * @param originalHistorySize how many history rows were stored
 * @param version the row's {@code version} as loaded; every save adds one, so an unchanged version proves the
 *     stored payment is still this one
 */
public record StoredPayment(
    Payment payment, Map<TransactionId, Transaction> originalTransactions, int originalHistorySize, long version) {

  public StoredPayment {
    Objects.requireNonNull(payment, "payment");
    originalTransactions = Map.copyOf(originalTransactions);
    if (version < 0) {
      throw new IllegalArgumentException("version must not be negative: " + version);
    }
  }

  /** A payment not stored yet: everything in it is new. */
  public static StoredPayment fresh(Payment payment) {
    return new StoredPayment(payment, Map.of(), 0, 0);
  }

  /** A payment exactly as stored at {@code version} (just loaded, or just saved). */
  public static StoredPayment loaded(Payment payment, long version) {
    Map<TransactionId, Transaction> byId = new LinkedHashMap<>();
    payment.transactions().forEach(tx -> byId.put(tx.id(), tx));
    return new StoredPayment(payment, byId, payment.history().size(), version);
  }
}
