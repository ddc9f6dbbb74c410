package dev.bizo.payments;

import dev.bizo.core.ConflictException;
import dev.bizo.core.Money;
import dev.bizo.core.NotFoundException;
import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.payments.spi.GatewayOperation;
import dev.bizo.payments.spi.GatewayResult;
import dev.bizo.payments.spi.GatewayUnreachableException;
import dev.bizo.payments.spi.IdempotencyKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A payment and everything that happened to it: its {@link Transaction}s (one per gateway operation)
 * and an append-only {@link PaymentHistoryEntry history}. A pure in-memory aggregate: it enforces the
 * {@link PaymentTransitions state machine} and the amount rules, and persistence only stores it.
 *
 * <p>Every gateway call goes through two steps, so nothing is sent that the state does not allow and
 * every answer is applied along a legal transition:
 *
 * <pre>{@code
 * Payment payment = Payment.create(PaymentId.generate(), tenant, "stripe", Money.of("50.00", "EUR"), clock);
 * Transaction tx = payment.beginAuthorization(key);          // throws if not allowed now
 * GatewayResult result = gateway.authorize(request);          // outside any lock
 * payment.record(tx.id(), result);                            // AUTHORIZED, PENDING, DECLINED or UNKNOWN
 * }</pre>
 *
 * <p>Rules: capture and void only from AUTHORIZED, one at a time; a capture takes at most the authorized
 * amount; refunds only from a captured payment, and the refunds succeeded or still in flight never add
 * up to more than the captured amount. Breaking a rule throws {@link ConflictException} (code
 * {@value PaymentTransitions#ILLEGAL_TRANSITION} for a status that does not allow the operation).
 *
 * <p>Not thread-safe: load, change and store it under the payment's row lock.
 */
public final class Payment {

  private final PaymentId id;
  private final TenantId tenantId;
  private final String gatewayId;
  private final Money amount;
  private final Clock clock;
  private PaymentStatus status;
  private final List<Transaction> transactions = new ArrayList<>();
  private final List<PaymentHistoryEntry> history = new ArrayList<>();

  private Payment(PaymentId id, TenantId tenantId, String gatewayId, Money amount, Clock clock) {
    this.id = Objects.requireNonNull(id, "id");
    this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
    this.gatewayId = Objects.requireNonNull(gatewayId, "gatewayId");
    this.amount = Objects.requireNonNull(amount, "amount");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.status = PaymentStatus.NEW;
  }

  /**
   * A new payment of {@code amount}, to be sent to the gateway {@code gatewayId}.
   *
   * @throws ValidationException when the amount is zero or negative
   */
  public static Payment create(PaymentId id, TenantId tenantId, String gatewayId, Money amount, Clock clock) {
    Objects.requireNonNull(amount, "amount");
    if (!amount.isPositive()) {
      throw ValidationException.ofField("amount", "not_positive", "A payment amount must be positive, got " + amount);
    }
    Payment payment = new Payment(id, tenantId, gatewayId, amount, clock);
    payment.history.add(new PaymentHistoryEntry(
        clock.instant(), Optional.empty(), PaymentStatus.NEW, Optional.empty(), Optional.empty(),
        "created for " + amount + " on " + gatewayId));
    return payment;
  }

  /**
   * Rebuilds a stored payment exactly as it was, for persistence. The status must be the one its
   * history ends in, so a store cannot silently bring back a payment in a state it never reached.
   *
   * @param transactions every transaction, oldest first
   * @param history every history entry, oldest first, starting with the creation entry
   * @throws IllegalArgumentException when the history is empty or does not end in {@code status}
   */
  public static Payment restore(
      PaymentId id, TenantId tenantId, String gatewayId, Money amount, PaymentStatus status,
      List<Transaction> transactions, List<PaymentHistoryEntry> history, Clock clock) {
    Objects.requireNonNull(status, "status");
    if (history.isEmpty() || history.get(history.size() - 1).to() != status) {
      throw new IllegalArgumentException("The history of payment " + id + " does not end in " + status);
    }
    Payment payment = new Payment(id, tenantId, gatewayId, amount, clock);
    payment.status = status;
    payment.transactions.addAll(transactions);
    payment.history.addAll(history);
    return payment;
  }

  /**
   * Starts the authorization of the whole amount.
   *
   * @throws ConflictException unless the payment is NEW with nothing in flight
   */
  public Transaction beginAuthorization(IdempotencyKey key) {
    return beginInitial(GatewayOperation.AUTHORIZE, key);
  }

  /**
   * Starts a one-step purchase (authorize and capture) of the whole amount.
   *
   * @throws ConflictException unless the payment is NEW with nothing in flight
   */
  public Transaction beginPurchase(IdempotencyKey key) {
    return beginInitial(GatewayOperation.PURCHASE, key);
  }

  private Transaction beginInitial(GatewayOperation operation, IdempotencyKey key) {
    if (status != PaymentStatus.NEW || !transactions.isEmpty()) {
      throw PaymentTransitions.illegal(status, operation.name());
    }
    return add(Transaction.requested(operation, amount, key, clock.instant()));
  }

  /**
   * Starts a capture of {@code captureAmount}; less than the authorized amount is a partial capture.
   *
   * @throws ConflictException unless AUTHORIZED with no capture or void in flight
   * @throws ValidationException when the amount is not positive or above the authorized amount
   */
  public Transaction beginCapture(Money captureAmount, IdempotencyKey key) {
    requireStatus(PaymentStatus.AUTHORIZED, GatewayOperation.CAPTURE);
    requireNothingInFlight(GatewayOperation.CAPTURE, GatewayOperation.VOID);
    requirePositive(captureAmount);
    if (captureAmount.isGreaterThan(authorizedAmount())) {
      throw ValidationException.ofField(
          "amount", "above_authorized", "Cannot capture " + captureAmount + ": " + authorizedAmount() + " is authorized");
    }
    return add(Transaction.requested(GatewayOperation.CAPTURE, captureAmount, key, clock.instant()));
  }

  /**
   * Starts releasing the authorization.
   *
   * @throws ConflictException unless AUTHORIZED with no capture or void in flight
   */
  public Transaction beginVoid(IdempotencyKey key) {
    requireStatus(PaymentStatus.AUTHORIZED, GatewayOperation.VOID);
    requireNothingInFlight(GatewayOperation.CAPTURE, GatewayOperation.VOID);
    return add(Transaction.requested(GatewayOperation.VOID, authorizedAmount(), key, clock.instant()));
  }

  /**
   * Starts a refund of {@code refundAmount}. The amount is reserved until the gateway answers, so
   * concurrent refunds can never exceed the captured total.
   *
   * @throws ConflictException unless CAPTURED or PARTIALLY_REFUNDED ({@value PaymentTransitions#ILLEGAL_TRANSITION}),
   *     or with code {@code payment.refund_exceeds_captured} when the amount is above what is left to refund
   * @throws ValidationException when the amount is not positive
   */
  public Transaction beginRefund(Money refundAmount, IdempotencyKey key) {
    if (status != PaymentStatus.CAPTURED && status != PaymentStatus.PARTIALLY_REFUNDED) {
      throw PaymentTransitions.illegal(status, GatewayOperation.REFUND.name());
    }
    requirePositive(refundAmount);
    Money refundable = refundableAmount();
    if (refundAmount.isGreaterThan(refundable)) {
      throw new ConflictException(
          "payment.refund_exceeds_captured",
          "Cannot refund " + refundAmount + ": captured " + capturedAmount() + ", refunded or in flight "
              + capturedAmount().minus(refundable) + ", refundable " + refundable);
    }
    return add(Transaction.requested(GatewayOperation.REFUND, refundAmount, key, clock.instant()));
  }

  /**
   * Applies what the gateway said about a transaction: its answer, or later the answer of
   * {@code fetchStatus} or a verified webhook. Moves the payment only along a legal transition.
   *
   * @return whether anything changed; repeating a known outcome changes nothing and writes no history, and
   *     an UNKNOWN answer about a PENDING transaction (the gateway cannot tell yet) leaves it PENDING
   * @throws NotFoundException when the transaction is not this payment's
   * @throws ConflictException with code {@code payment.transaction_settled} when the transaction was already
   *     settled differently, or {@code payment.amount_mismatch} when the gateway reports more or another
   *     currency than asked for
   */
  public boolean record(TransactionId transactionId, GatewayResult result) {
    Objects.requireNonNull(result, "result");
    Transaction tx = transaction(transactionId);
    TransactionStatus next = toTransactionStatus(result.outcome());
    if (tx.status().isSettled()) {
      if (tx.status() == next) {
        return false;
      }
      throw new ConflictException(
          "payment.transaction_settled",
          "Transaction " + tx.id() + " is already " + tx.status() + "; the gateway now says " + result.outcome());
    }
    if (tx.status() == TransactionStatus.PENDING && next == TransactionStatus.UNKNOWN) {
      return false; // the gateway could not tell now; what we knew (accepted, waiting) still stands
    }
    if (tx.status() == next && next != TransactionStatus.REQUESTED
        && tx.gatewayReference().equals(result.gatewayReference().or(tx::gatewayReference))) {
      return false;
    }
    Money processed = tx.amount();
    if (result.amount().isPresent()) {
      processed = result.amount().get();
      if (!processed.currency().equals(tx.amount().currency()) || processed.isGreaterThan(tx.amount())) {
        throw new ConflictException(
            "payment.amount_mismatch",
            "The gateway reports " + processed + " for transaction " + tx.id() + " which asked for " + tx.amount());
      }
    }
    PaymentStatus target = targetStatus(tx, next, processed);
    if (target != status) {
      PaymentTransitions.require(status, target);
    }
    Transaction settled = tx.settle(
        next, result.gatewayReference(), result.declineCode(),
        result.message(), result.nextAction(), clock.instant());
    if (next == TransactionStatus.SUCCEEDED && !processed.equals(tx.amount())) {
      settled = new Transaction(
          settled.id(), settled.operation(), processed, settled.idempotencyKey(), settled.status(),
          settled.gatewayReference(), settled.declineCode(), settled.message(), settled.nextAction(),
          settled.createdAt(), settled.updatedAt());
    }
    replace(settled);
    changeTo(target, settled, tx.operation() + " " + result.outcome());
    return true;
  }

  /**
   * Records that a transaction's request provably never reached the gateway. For the first operation
   * the payment becomes FAILED; for a later one only the transaction fails.
   *
   * @throws ConflictException with code {@code payment.transaction_settled} unless the transaction was
   *     still REQUESTED: once a request may have been sent, it can only settle to the gateway's answer
   */
  public void recordUnreachable(TransactionId transactionId, GatewayUnreachableException error) {
    Objects.requireNonNull(error, "error");
    Transaction tx = transaction(transactionId);
    if (tx.status() != TransactionStatus.REQUESTED) {
      throw new ConflictException(
          "payment.transaction_settled",
          "Transaction " + tx.id() + " is " + tx.status() + "; only a request not yet answered can be never-sent");
    }
    PaymentStatus target = tx.isInitial() ? PaymentStatus.FAILED : status;
    if (target != status) {
      PaymentTransitions.require(status, target);
    }
    Transaction failed = tx.settle(
        TransactionStatus.FAILED, Optional.empty(), Optional.of(error.code()), Optional.of(error.getMessage()),
        Optional.empty(), clock.instant());
    replace(failed);
    changeTo(target, failed, tx.operation() + " never sent");
  }

  private PaymentStatus targetStatus(Transaction tx, TransactionStatus next, Money processed) {
    return switch (tx.operation()) {
      case AUTHORIZE, PURCHASE -> switch (next) {
        case SUCCEEDED -> tx.operation() == GatewayOperation.AUTHORIZE ? PaymentStatus.AUTHORIZED : PaymentStatus.CAPTURED;
        case PENDING -> PaymentStatus.PENDING;
        case DECLINED -> PaymentStatus.DECLINED;
        case UNKNOWN -> PaymentStatus.UNKNOWN;
        case REQUESTED, FAILED -> throw new IllegalStateException("unexpected " + next);
      };
      case CAPTURE -> next == TransactionStatus.SUCCEEDED ? PaymentStatus.CAPTURED : status;
      case VOID -> next == TransactionStatus.SUCCEEDED ? PaymentStatus.VOIDED : status;
      case REFUND -> {
        if (next != TransactionStatus.SUCCEEDED) {
          yield status;
        }
        Money refundedAfter = succeededTotal(GatewayOperation.REFUND).plus(processed);
        yield refundedAfter.compareTo(capturedAmount()) >= 0
            ? PaymentStatus.REFUNDED
            : PaymentStatus.PARTIALLY_REFUNDED;
      }
    };
  }

  private static TransactionStatus toTransactionStatus(GatewayResult.Outcome outcome) {
    return switch (outcome) {
      case SUCCESS -> TransactionStatus.SUCCEEDED;
      case PENDING -> TransactionStatus.PENDING;
      case DECLINED -> TransactionStatus.DECLINED;
      case UNKNOWN -> TransactionStatus.UNKNOWN;
    };
  }

  private void changeTo(PaymentStatus target, Transaction tx, String note) {
    history.add(new PaymentHistoryEntry(
        clock.instant(), Optional.of(status), target, Optional.of(tx.id()), Optional.of(tx.status()), note));
    status = target;
  }

  private Transaction add(Transaction tx) {
    transactions.add(tx);
    return tx;
  }

  private void replace(Transaction tx) {
    for (int i = 0; i < transactions.size(); i++) {
      if (transactions.get(i).id().equals(tx.id())) {
        transactions.set(i, tx);
        return;
      }
    }
    throw new IllegalStateException("no transaction " + tx.id());
  }

  private void requireStatus(PaymentStatus required, GatewayOperation operation) {
    if (status != required) {
      throw PaymentTransitions.illegal(status, operation.name());
    }
  }

  private void requireNothingInFlight(GatewayOperation... operations) {
    for (Transaction tx : transactions) {
      for (GatewayOperation op : operations) {
        if (tx.operation() == op && !tx.status().isSettled()) {
          throw new ConflictException(
              "payment.operation_in_flight",
              "A " + op + " of this payment is still " + tx.status() + " (transaction " + tx.id() + ")");
        }
      }
    }
  }

  private void requirePositive(Money value) {
    Objects.requireNonNull(value, "amount");
    if (!value.isPositive()) {
      throw ValidationException.ofField("amount", "not_positive", "The amount must be positive, got " + value);
    }
    if (!value.currency().equals(amount.currency())) {
      throw ValidationException.ofField(
          "amount", "currency_mismatch", "The payment is in " + amount.currency().getCurrencyCode());
    }
  }

  private Money succeededTotal(GatewayOperation operation) {
    Money total = Money.zero(amount.currency());
    for (Transaction tx : transactions) {
      if (tx.operation() == operation && tx.status() == TransactionStatus.SUCCEEDED) {
        total = total.plus(tx.amount());
      }
    }
    return total;
  }

  /** The payment's id. */
  public PaymentId id() {
    return id;
  }

  /** The tenant that owns it. */
  public TenantId tenantId() {
    return tenantId;
  }

  /** The gateway it was sent to. */
  public String gatewayId() {
    return gatewayId;
  }

  /** The amount asked for. */
  public Money amount() {
    return amount;
  }

  /** Where it stands. */
  public PaymentStatus status() {
    return status;
  }

  /** The amount held by a successful authorization or purchase; zero before. */
  public Money authorizedAmount() {
    return succeededTotal(GatewayOperation.AUTHORIZE).plus(succeededTotal(GatewayOperation.PURCHASE));
  }

  /** The amount taken by a successful purchase or capture; zero before. */
  public Money capturedAmount() {
    return succeededTotal(GatewayOperation.PURCHASE).plus(succeededTotal(GatewayOperation.CAPTURE));
  }

  /** The total of successful refunds. */
  public Money refundedAmount() {
    return succeededTotal(GatewayOperation.REFUND);
  }

  /** What may still be refunded: captured, minus refunds succeeded or still in flight. */
  public Money refundableAmount() {
    Money reserved = Money.zero(amount.currency());
    for (Transaction tx : transactions) {
      if (tx.operation() == GatewayOperation.REFUND
          && tx.status() != TransactionStatus.DECLINED
          && tx.status() != TransactionStatus.FAILED) {
        reserved = reserved.plus(tx.amount());
      }
    }
    return capturedAmount().minus(reserved);
  }

  /** Every transaction, oldest first. */
  public List<Transaction> transactions() {
    return Collections.unmodifiableList(new ArrayList<>(transactions));
  }

  /**
   * One transaction.
   *
   * @throws NotFoundException when it is not this payment's
   */
  public Transaction transaction(TransactionId transactionId) {
    Objects.requireNonNull(transactionId, "transactionId");
    for (Transaction tx : transactions) {
      if (tx.id().equals(transactionId)) {
        return tx;
      }
    }
    throw NotFoundException.of("transaction", transactionId.toString());
  }

  /**
   * The transaction the gateway knows by this reference, e.g. to apply a verified webhook. When several
   * share it (a capture returns its authorization's reference), the latest one is returned.
   */
  public Optional<Transaction> findTransactionByReference(String gatewayReference) {
    Objects.requireNonNull(gatewayReference, "gatewayReference");
    for (int i = transactions.size() - 1; i >= 0; i--) {
      if (transactions.get(i).gatewayReference().filter(gatewayReference::equals).isPresent()) {
        return Optional.of(transactions.get(i));
      }
    }
    return Optional.empty();
  }

  /** The transactions reconciliation should ask the gateway about: PENDING or UNKNOWN ones. */
  public List<Transaction> awaitingReconciliation() {
    return transactions.stream().filter(tx -> tx.status().needsReconciliation()).toList();
  }

  /** The history, oldest first, starting with the creation entry. */
  public List<PaymentHistoryEntry> history() {
    return Collections.unmodifiableList(new ArrayList<>(history));
  }

  @Override
  public String toString() {
    return "Payment[" + id + ", " + status + ", " + amount + ", gateway=" + gatewayId + "]";
  }
}
