package dev.bizo.payments.spi;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The HTTP side of a gateway on {@code java.net.http}: the client from {@link GatewaySettings#newHttpClient()},
 * requests against the API base with the read timeout, and the one classification of failures every gateway
 * shares, so the line between "never sent" and "may have been sent" is drawn in one place:
 * <ul>
 *   <li>a request that provably never left (refused connection, no route, unknown host, connect timeout) throws
 *       {@link GatewayUnreachableException}, so the platform may fall back to another gateway;</li>
 *   <li>a read timeout, a reset after sending, an interrupted wait, an HTTP 5xx, or one of the statuses the gateway
 *       adds with {@link #unknownAlsoOn} (e.g. 409 for a key still in use, 429) is an UNKNOWN result, settled
 *       later by reconciliation;</li>
 *   <li>any other answer is the gateway's to read.</li>
 * </ul>
 *
 * <pre>{@code
 * GatewayHttpClient http = new GatewayHttpClient(ID, "Acme Pay", settings).unknownAlsoOn(409);
 * GatewayResult result = http.send(http.request("/v1/charges").POST(body).build(), null, this::interpret);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class GatewayHttpClient {

  private final String gatewayId;
  private final String gatewayName;
  private final GatewaySettings settings;
  private final HttpClient http;
  private final Set<Integer> alsoUnknown;

  /**
   * A client for one gateway.
   *
   * @param gatewayId the gateway's id, carried by {@link GatewayUnreachableException}
   * @param gatewayName the name UNKNOWN results' messages use, e.g. {@code "Razorpay"}
   * @param settings where the API is and the timeouts
   */
  public GatewayHttpClient(String gatewayId, String gatewayName, GatewaySettings settings) {
    this(gatewayId, gatewayName, settings, Objects.requireNonNull(settings, "settings").newHttpClient(), Set.of());
  }

  private GatewayHttpClient(
      String gatewayId, String gatewayName, GatewaySettings settings, HttpClient http, Set<Integer> alsoUnknown) {
    this.gatewayId = Objects.requireNonNull(gatewayId, "gatewayId");
    this.gatewayName = Objects.requireNonNull(gatewayName, "gatewayName");
    this.settings = settings;
    this.http = http;
    this.alsoUnknown = alsoUnknown;
  }

  /**
   * The same client, also treating these 4xx statuses as UNKNOWN (e.g. 409 for a request with the same key in
   * progress, 429 for a rate limit whose request may or may not have been processed).
   */
  public GatewayHttpClient unknownAlsoOn(int... statuses) {
    Set<Integer> more = Arrays.stream(statuses).boxed().collect(Collectors.toUnmodifiableSet());
    return new GatewayHttpClient(gatewayId, gatewayName, settings, http, more);
  }

  /** A request to {@code path} resolved against the API base, with the read timeout. */
  public HttpRequest.Builder request(String path) {
    return settings.request(settings.apiBase().resolve(path));
  }

  /**
   * Sends a request and reads the answer with {@code reading}, unless the outcome cannot be known.
   *
   * @param knownReference the gateway's reference an UNKNOWN result keeps, or null when none is known yet
   * @throws GatewayUnreachableException when the request provably never left
   */
  public GatewayResult send(
      HttpRequest request, String knownReference, Function<HttpResponse<String>, GatewayResult> reading) {
    return exchange(request, knownReference, reading, Function.identity());
  }

  /**
   * As {@link #send}, for a gateway that reads answers into its own type: an UNKNOWN outcome is handed to
   * {@code unknown}, any other answer to {@code reading}.
   *
   * @throws GatewayUnreachableException when the request provably never left
   */
  public <T> T exchange(HttpRequest request, String knownReference, Function<HttpResponse<String>, T> reading,
      Function<GatewayResult, T> unknown) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      return unknown.apply(TransportFailures.unknownOrThrowUnreachable(gatewayId, knownReference, e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return unknown.apply(GatewayResult.unknown(knownReference,
          "interrupted while waiting for " + gatewayName + "; the request may have arrived"));
    }
    int status = response.statusCode();
    if (status >= 500 || alsoUnknown.contains(status)) {
      return unknown.apply(GatewayResult.unknown(knownReference, gatewayName + " answered HTTP " + status));
    }
    return reading.apply(response);
  }
}
