package dev.bizo.payments;

import dev.bizo.core.Money;
import dev.bizo.payments.spi.GatewayOperation;
import dev.bizo.payments.spi.IdempotencyKey;
import dev.bizo.payments.spi.NextAction;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One gateway operation of a {@link Payment}: an authorization, purchase, capture, void or refund, with
 * what the gateway said about it. Immutable; the payment replaces it when the outcome changes.
 *
 * @param id the transaction's id
 * @param operation what was asked of the gateway
 * @param amount the amount asked for (for a void: the authorized amount released)
 * @param idempotencyKey the key forwarded to the gateway
 * @param status where it stands
 * @param gatewayReference the gateway's id for it, once known
 * @param declineCode the gateway's code when declined, kept verbatim
 * @param message the gateway's decline message or the reason it is unknown
 * @param nextAction what the customer must do while it is pending
 * @param createdAt when it was started
 * @param updatedAt when its status last changed
 */
public record Transaction(
    TransactionId id,
    GatewayOperation operation,
    Money amount,
    IdempotencyKey idempotencyKey,
    TransactionStatus status,
    Optional<String> gatewayReference,
    Optional<String> declineCode,
    Optional<String> message,
    Optional<NextAction> nextAction,
    Instant createdAt,
    Instant updatedAt) {

  /** Validates presence. */
  public Transaction {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(gatewayReference, "gatewayReference");
    Objects.requireNonNull(declineCode, "declineCode");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(nextAction, "nextAction");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  static Transaction requested(GatewayOperation operation, Money amount, IdempotencyKey key, Instant now) {
    return new Transaction(
        TransactionId.generate(), operation, amount, key, TransactionStatus.REQUESTED, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), now, now);
  }

  Transaction settle(
      TransactionStatus newStatus, Optional<String> reference, Optional<String> code, Optional<String> why,
      Optional<NextAction> action, Instant now) {
    return new Transaction(
        id, operation, amount, idempotencyKey, newStatus, reference.isPresent() ? reference : gatewayReference,
        code, why, action, createdAt, now);
  }

  /** Whether this is the payment's first operation (authorize or purchase). */
  public boolean isInitial() {
    return operation == GatewayOperation.AUTHORIZE || operation == GatewayOperation.PURCHASE;
  }
}
