package dev.bizo.payments.tck;

import dev.bizo.core.Money;
import dev.bizo.payments.spi.GatewayCapabilities;

/**
 * The same HTTP fixture declaring few capabilities, so the TCK's "refused as declared" branches run:
 * no partial capture or refund, no void, no redirects, no JPY or KWD, a low EUR maximum.
 */
class RestrictedFixtureGatewayTckTest extends FixtureGatewayTckTest {

  @Override
  protected GatewayCapabilities expectedCapabilities() {
    return GatewayCapabilities.builder()
        .manualCapture(true)
        .currencies("EUR", "USD")
        .maxAmount(Money.of("500.00", "EUR"))
        .build();
  }
}
