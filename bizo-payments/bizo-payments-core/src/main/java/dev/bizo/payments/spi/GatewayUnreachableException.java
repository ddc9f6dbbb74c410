package dev.bizo.payments.spi;

import dev.bizo.core.RetriableException;

/**
 * The request provably never reached the gateway, so nothing was charged: the connection was refused,
 * the host did not resolve, or the TCP connect timed out.
 *
 * <p>This is the <em>only</em> failure after which the platform may try another gateway (see the router)
 * or retry freely. Anything that may have reached the gateway — a read timeout, an HTTP 5xx, a reset
 * after the request was written — must be reported as {@link GatewayResult#unknown UNKNOWN} instead.
 * When in doubt, a gateway returns UNKNOWN: a wrong UNKNOWN costs a reconciliation call, a wrong
 * "unreachable" can charge a customer twice.
 *
 * <p>Code: {@value #CODE}.
 */
public class GatewayUnreachableException extends RetriableException {

  private static final long serialVersionUID = 1L;

  /** The stable error code. */
  public static final String CODE = "gateway.unreachable";

  private final String gatewayId;

  /**
   * The gateway could not be reached.
   *
   * @param gatewayId the {@link PaymentGateway#id()} that failed
   * @param message what failed, without secrets
   * @param cause the transport error, e.g. a {@link java.net.ConnectException}
   */
  public GatewayUnreachableException(String gatewayId, String message, Throwable cause) {
    super(CODE, "Gateway '" + gatewayId + "' unreachable, nothing was sent: " + message, cause);
    this.gatewayId = gatewayId;
  }

  /** The gateway that could not be reached. */
  public String gatewayId() {
    return gatewayId;
  }
}
