package dev.bizo.payments.tck;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the TCK wants a gateway built for one test.
 *
 * @param baseUrl the API base the gateway must send to: the TCK's WireMock server, or a port that refuses
 *     connections in the refused-connection test; HTTP-less gateways ignore it
 * @param clientTimeout the read timeout the gateway's HTTP client must use; the timeout scenario delays
 *     responses past it
 * @param clock the clock webhook timestamps are checked against
 */
public record GatewayEnvironment(URI baseUrl, Duration clientTimeout, Clock clock) {

  /** Validates presence. */
  public GatewayEnvironment {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(clientTimeout, "clientTimeout");
    Objects.requireNonNull(clock, "clock");
  }
}
