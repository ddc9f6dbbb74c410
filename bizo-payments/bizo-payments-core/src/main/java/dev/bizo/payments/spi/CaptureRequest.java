package dev.bizo.payments.spi;

import dev.bizo.core.Money;
import java.util.Objects;

/**
 * The input of {@link PaymentGateway#capture}: take all or part of an authorization.
 *
 * @param credentials the tenant's credentials
 * @param idempotencyKey the key to forward
 * @param gatewayReference the reference the authorization returned
 * @param amount how much to capture; less than {@code authorizedAmount} is a partial capture, after which
 *     the rest of the authorization is released
 * @param authorizedAmount how much the authorization holds, so the gateway can tell full from partial
 */
public record CaptureRequest(
    GatewayCredentials credentials,
    IdempotencyKey idempotencyKey,
    String gatewayReference,
    Money amount,
    Money authorizedAmount) implements GatewayRequest {

  /** Validates presence; amounts are checked by the gateway through {@link GatewayCapabilities#requireCapture}. */
  public CaptureRequest {
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(gatewayReference, "gatewayReference");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(authorizedAmount, "authorizedAmount");
  }

  /** Whether less than the authorized amount is captured. */
  public boolean isPartial() {
    return amount.compareTo(authorizedAmount) < 0;
  }
}
