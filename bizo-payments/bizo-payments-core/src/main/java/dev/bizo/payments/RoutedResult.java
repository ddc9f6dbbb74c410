package dev.bizo.payments;

import dev.bizo.payments.spi.GatewayResult;
import dev.bizo.payments.spi.GatewayUnreachableException;
import dev.bizo.payments.spi.PaymentGateway;
import java.util.List;
import java.util.Objects;

/**
 * What {@link GatewayRouter#route} did: the gateway that answered, its answer, and the gateways skipped
 * because they provably could not be reached.
 *
 * @param gateway the gateway that produced {@code result}; record the payment against it
 * @param result its answer
 * @param skipped the never-sent failures of the gateways tried before it, in order
 */
public record RoutedResult(PaymentGateway gateway, GatewayResult result, List<GatewayUnreachableException> skipped) {

  /** Validates presence and copies the list. */
  public RoutedResult {
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(result, "result");
    skipped = List.copyOf(skipped);
  }

  /** Whether a gateway other than the first choice answered. */
  public boolean fellBack() {
    return !skipped.isEmpty();
  }
}
