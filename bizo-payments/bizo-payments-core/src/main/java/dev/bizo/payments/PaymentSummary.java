package dev.bizo.payments;

import dev.bizo.core.Money;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of {@link PaymentService#list}.
 *
 * @param id the payment
 * @param gatewayId its gateway
 * @param amount its amount
 * @param status where it stands
 * @param createdAt when it was created
 */
public record PaymentSummary(PaymentId id, String gatewayId, Money amount, PaymentStatus status, Instant createdAt) {

  /** Validates presence. */
  public PaymentSummary {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(gatewayId, "gatewayId");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
