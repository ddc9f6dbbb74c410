package dev.bizo.payments.spi;

import dev.bizo.core.Money;
import java.util.Objects;

/**
 * The input of {@link PaymentGateway#refund}: return all or part of a captured amount. The platform
 * guarantees the refunds of one payment never add up to more than was captured; the gateway checks this
 * one refund against {@code capturedAmount} through {@link GatewayCapabilities#requireRefund}.
 *
 * @param credentials the tenant's credentials
 * @param idempotencyKey the key to forward
 * @param gatewayReference the reference the capture or purchase returned
 * @param amount how much to refund; less than {@code capturedAmount} is a partial refund
 * @param capturedAmount how much was captured under the reference
 */
public record RefundRequest(
    GatewayCredentials credentials,
    IdempotencyKey idempotencyKey,
    String gatewayReference,
    Money amount,
    Money capturedAmount) implements GatewayRequest {

  /** Validates presence. */
  public RefundRequest {
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(gatewayReference, "gatewayReference");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(capturedAmount, "capturedAmount");
  }

  /** Whether less than the captured amount is refunded. */
  public boolean isPartial() {
    return amount.compareTo(capturedAmount) < 0;
  }
}
