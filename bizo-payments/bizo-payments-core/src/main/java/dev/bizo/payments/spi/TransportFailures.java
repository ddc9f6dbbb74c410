package dev.bizo.payments.spi;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;

/**
 * Sorts a transport error into the SPI's two failure kinds, so every HTTP gateway draws the line between
 * "never sent" and "may have been sent" in the same, conservative place.
 *
 * <pre>{@code
 * try {
 *   response = http.send(request, BodyHandlers.ofString());
 * } catch (IOException e) {
 *   return TransportFailures.unknownOrThrowUnreachable(id(), e);
 * }
 * }</pre>
 */
public final class TransportFailures {

  private TransportFailures() {}

  /**
   * Whether the error proves the request never left: connection refused, no route, unknown host, or a
   * connect (not read) timeout, found anywhere in the cause chain.
   */
  public static boolean provesNeverSent(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof ConnectException
          || t instanceof NoRouteToHostException
          || t instanceof UnknownHostException
          || t instanceof HttpConnectTimeoutException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /**
   * An {@link GatewayResult.Outcome#UNKNOWN UNKNOWN} result for an error that may have happened after
   * sending.
   *
   * @throws GatewayUnreachableException when the error proves the request never left
   */
  public static GatewayResult unknownOrThrowUnreachable(String gatewayId, IOException error) {
    return unknownOrThrowUnreachable(gatewayId, null, error);
  }

  /**
   * As {@link #unknownOrThrowUnreachable(String, IOException)}, keeping a known reference on the UNKNOWN
   * result (e.g. the authorization being captured).
   *
   * @throws GatewayUnreachableException when the error proves the request never left
   */
  public static GatewayResult unknownOrThrowUnreachable(String gatewayId, String gatewayReference, IOException error) {
    if (provesNeverSent(error)) {
      throw new GatewayUnreachableException(gatewayId, describe(error), error);
    }
    return GatewayResult.unknown(gatewayReference, "Transport failed after the request may have been sent: "
        + describe(error));
  }

  private static String describe(Throwable error) {
    String message = error.getMessage();
    return error.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
  }
}
