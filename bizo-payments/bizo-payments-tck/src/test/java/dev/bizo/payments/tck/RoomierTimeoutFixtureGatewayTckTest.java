package dev.bizo.payments.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.payments.spi.PaymentGateway;
import java.time.Duration;

/**
 * The HTTP fixture with a larger client timeout, proving the {@link #clientTimeout()} hook reaches every
 * gateway the TCK builds and that the timeout scenario follows it (its delay moves past the new timeout).
 */
class RoomierTimeoutFixtureGatewayTckTest extends FixtureGatewayTckTest {

  private static final Duration ROOMIER = Duration.ofSeconds(4);

  @Override
  protected Duration clientTimeout() {
    return ROOMIER;
  }

  @Override
  protected PaymentGateway createGateway(GatewayEnvironment environment) {
    assertThat(environment.clientTimeout()).as("the timeout the gateway is built with").isEqualTo(ROOMIER);
    assertThat(delayPastTimeout()).as("the timeout scenario's delay").isGreaterThan(ROOMIER);
    return super.createGateway(environment);
  }
}
