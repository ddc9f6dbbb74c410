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
 */
public record StoredPayment(Payment payment, Map<TransactionId, Transaction> originalTransactions, int originalHistorySize) {

  public StoredPayment {
    Objects.requireNonNull(payment, "payment");
    originalTransactions = Map.copyOf(originalTransactions);
  }

  /** A payment not stored yet: everything in it is new. */
  public static StoredPayment fresh(Payment payment) {
    return new StoredPayment(payment, Map.of(), 0);
  }

  /** A payment as just loaded. */
  public static StoredPayment loaded(Payment payment) {
    Map<TransactionId, Transaction> byId = new LinkedHashMap<>();
    payment.transactions().forEach(tx -> byId.put(tx.id(), tx));
    return new StoredPayment(payment, byId, payment.history().size());
  }
}
