package dev.bizo.payments.spi;

import dev.bizo.core.Money;
import java.util.Objects;
import java.util.Optional;

/**
 * The input of {@link PaymentGateway#fetchStatus}: what became of an earlier operation, typically one
 * whose outcome was UNKNOWN or PENDING.
 *
 * <p>After a timeout the platform may not know the gateway's reference, so the request also carries the
 * operation's original idempotency key: gateways that support it look the operation up by that key (or
 * replay the original request with it, which their idempotency makes safe).
 *
 * @param credentials the tenant's credentials
 * @param idempotencyKey the key the original operation was sent with
 * @param operation which operation is being checked
 * @param gatewayReference the reference the operation returned, or of the authorization it acted on;
 *     empty when none was ever received
 * @param amount the amount the original operation asked for
 */
public record StatusRequest(
    GatewayCredentials credentials,
    IdempotencyKey idempotencyKey,
    GatewayOperation operation,
    Optional<String> gatewayReference,
    Money amount) implements GatewayRequest {

  /** Validates presence. */
  public StatusRequest {
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(gatewayReference, "gatewayReference");
    Objects.requireNonNull(amount, "amount");
  }
}
