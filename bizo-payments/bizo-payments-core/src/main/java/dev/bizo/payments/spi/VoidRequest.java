package dev.bizo.payments.spi;

import java.util.Objects;

/**
 * The input of {@link PaymentGateway#voidAuthorization}: release an uncaptured authorization.
 *
 * @param credentials the tenant's credentials
 * @param idempotencyKey the key to forward
 * @param gatewayReference the reference the authorization returned
 */
public record VoidRequest(GatewayCredentials credentials, IdempotencyKey idempotencyKey, String gatewayReference)
    implements GatewayRequest {

  /** Validates presence. */
  public VoidRequest {
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(gatewayReference, "gatewayReference");
  }
}
