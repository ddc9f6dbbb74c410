package dev.bizo.payments;

import dev.bizo.core.Money;
import dev.bizo.payments.spi.NextAction;
import java.util.Objects;
import java.util.Optional;

/**
 * What a money-moving call of {@link PaymentService} answered. It is stored with the call's idempotency key,
 * and a retry with the same key and parameters gets exactly this value back, even after the payment moved on.
 * A decline or a gateway that could not be reached is an answer too: look at {@link #transactionStatus()}.
 *
 * @param paymentId the payment
 * @param gatewayId the gateway that handled the call
 * @param status the payment's status right after the call
 * @param amount the payment's amount
 * @param transactionId the transaction the call created
 * @param transactionStatus where that transaction stood after the call
 * @param transactionAmount the amount of that transaction (authorized, captured, voided or refunded)
 * @param gatewayReference the gateway's reference for it, once known
 * @param declineCode the gateway's decline code, or {@code gateway.unreachable} when nothing was sent
 * @param message the decline message or why the outcome is unknown
 * @param nextAction what the customer must do while the payment is PENDING
 */
public record PaymentResponse(
    PaymentId paymentId,
    String gatewayId,
    PaymentStatus status,
    Money amount,
    TransactionId transactionId,
    TransactionStatus transactionStatus,
    Money transactionAmount,
    Optional<String> gatewayReference,
    Optional<String> declineCode,
    Optional<String> message,
    Optional<NextAction> nextAction) {

  /** Validates presence. */
  public PaymentResponse {
    Objects.requireNonNull(paymentId, "paymentId");
    Objects.requireNonNull(gatewayId, "gatewayId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(transactionStatus, "transactionStatus");
    Objects.requireNonNull(transactionAmount, "transactionAmount");
    Objects.requireNonNull(gatewayReference, "gatewayReference");
    Objects.requireNonNull(declineCode, "declineCode");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(nextAction, "nextAction");
  }

  /** The response describing {@code transaction} of {@code payment} as it stands now. */
  public static PaymentResponse of(Payment payment, TransactionId transaction) {
    Transaction tx = payment.transaction(transaction);
    return new PaymentResponse(
        payment.id(), payment.gatewayId(), payment.status(), payment.amount(), tx.id(), tx.status(), tx.amount(),
        tx.gatewayReference(), tx.declineCode(), tx.message(), tx.nextAction());
  }
}
