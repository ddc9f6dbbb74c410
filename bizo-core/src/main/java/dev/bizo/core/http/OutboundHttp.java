package dev.bizo.core.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.Locale;
import java.util.Objects;

/**
 * The one way Bizo builds {@code java.net.http} clients and requests for peers it does not control.
 *
 * <p>{@link HttpClient} defaults to HTTP/2 and, on an {@code http://} URL, offers the cleartext upgrade
 * ({@code Connection: Upgrade, HTTP2-Settings}, {@code Upgrade: h2c}). A Node.js server with an {@code upgrade}
 * listener hands such a request to that listener instead of its request handler; n8n's listener serves only its push
 * channel, so the request is never answered and the client times out. The rule here:
 * <ul>
 *   <li>cleartext ({@code http://}, or anything not {@code https}) is always HTTP/1.1: no upgrade is offered;</li>
 *   <li>TLS ({@code https://}) asks for HTTP/2, which is negotiated by ALPN inside the TLS handshake and falls back to
 *       HTTP/1.1 when the server does not speak it; nothing is sent in the clear.</li>
 * </ul>
 *
 * <p>A client that meets many URLs (webhooks, the page fetcher) is built from {@link #clientBuilder()}, whose default
 * is HTTP/1.1, and builds every request with {@link #request(URI)}, which sets the version of that one request from
 * its scheme. A library that builds its own requests against one base URL (an LLM client) gets
 * {@link #clientBuilder(URI)}, whose default version already fits that base URL.
 */
public final class OutboundHttp {

  private OutboundHttp() {
  }

  /**
   * The HTTP version Bizo uses for a URL: HTTP/2 over TLS ({@code https}), HTTP/1.1 for everything else.
   *
   * @param url the URL to be requested
   * @return {@link HttpClient.Version#HTTP_2} for {@code https}, otherwise {@link HttpClient.Version#HTTP_1_1}
   */
  public static HttpClient.Version versionFor(URI url) {
    Objects.requireNonNull(url, "url");
    String scheme = url.getScheme();
    return scheme != null && scheme.toLowerCase(Locale.ROOT).equals("https")
        ? HttpClient.Version.HTTP_2
        : HttpClient.Version.HTTP_1_1;
  }

  /**
   * A client builder for any URL: its default version is HTTP/1.1, so a request built without
   * {@link #request(URI)} still never offers h2c. Callers add redirects, timeouts and the like.
   *
   * @return a new builder
   */
  public static HttpClient.Builder clientBuilder() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
  }

  /**
   * A client builder for one base URL, for libraries that build their own requests: HTTP/2 when the base URL is
   * {@code https}, HTTP/1.1 otherwise.
   *
   * @param baseUrl the only base URL the client will be used with
   * @return a new builder
   */
  public static HttpClient.Builder clientBuilder(URI baseUrl) {
    return HttpClient.newBuilder().version(versionFor(baseUrl));
  }

  /**
   * A request builder for a URL with its version set by {@link #versionFor(URI)}; the request's version overrides
   * the client's.
   *
   * @param url the URL
   * @return a new builder
   */
  public static HttpRequest.Builder request(URI url) {
    return HttpRequest.newBuilder(url).version(versionFor(url));
  }
}
