package dev.bizo.payments.spi;

import dev.bizo.core.http.OutboundHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how a gateway reaches its remote side, as every gateway's {@link GatewayBuilder} collects it: the API
 * base, how long to wait for a connection and for an answer, how far a webhook's signed time may be from now, and
 * the clock.
 *
 * <p>A gateway on {@code java.net.http} gets its client from {@link #newHttpClient()} and its requests from
 * {@link #request(URI)} (or uses a {@link GatewayHttpClient}, which adds the failure classification); one on a
 * vendor SDK passes the timeouts to the SDK's own transport.
 *
 * @param apiBase the API base, e.g. the vendor's production host or a stub server in tests
 * @param connectTimeout the TCP connect timeout; a connect timeout proves the request never left
 * @param readTimeout how long to wait for an answer; past it the outcome is UNKNOWN
 * @param webhookTolerance how far a webhook's signed timestamp may be from now, either way
 * @param clock the clock webhook timestamps (and anything else timed) are checked against
 */
public record GatewaySettings(
    URI apiBase, Duration connectTimeout, Duration readTimeout, Duration webhookTolerance, Clock clock) {

  /** Validates that every setting is present and every duration positive. */
  public GatewaySettings {
    Objects.requireNonNull(apiBase, "apiBase");
    positive(connectTimeout, "connectTimeout");
    positive(readTimeout, "readTimeout");
    positive(webhookTolerance, "webhookTolerance");
    Objects.requireNonNull(clock, "clock");
  }

  /**
   * A client for the gateway's API: HTTP/1.1 on cleartext and HTTP/2 over TLS by {@link OutboundHttp}'s rule, the
   * connect timeout, and redirects never followed (a redirected money-moving request is the platform's decision).
   * The JDK client never retries a request on its own.
   */
  public HttpClient newHttpClient() {
    return OutboundHttp.clientBuilder()
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** A request to {@code url} with its HTTP version from {@link OutboundHttp#request} and the read timeout. */
  public HttpRequest.Builder request(URI url) {
    return OutboundHttp.request(url).timeout(readTimeout);
  }

  /** The webhook tolerance against the clock. */
  public TimestampTolerance tolerance() {
    return new TimestampTolerance(webhookTolerance, clock);
  }

  static Duration positive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
    return value;
  }
}
