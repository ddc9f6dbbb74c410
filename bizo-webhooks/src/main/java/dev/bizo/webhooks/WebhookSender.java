package dev.bizo.webhooks;

import dev.bizo.core.ForbiddenException;
import dev.bizo.core.http.OutboundHttp;
import dev.bizo.core.http.SsrfGuard;
import dev.bizo.webhooks.spi.WebhookTransport;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * POSTs one signed message to one endpoint with {@code java.net.http}: the URL passes the SSRF guard first,
 * redirects are not followed, and the attempt is bounded by a timeout. Requests go through {@link OutboundHttp}:
 * HTTP/1.1 to {@code http://} receivers (no {@code Upgrade: h2c}, which n8n and other Node servers never answer),
 * HTTP/2 negotiated over TLS to {@code https://} ones. The default {@link WebhookTransport}.
 */
public final class WebhookSender implements WebhookTransport {

  private final SsrfGuard guard;
  private final HttpClient client;

  /**
   * A sender.
   *
   * @param guard the guard every endpoint URL passes
   * @param connectTimeout connection timeout
   */
  public WebhookSender(SsrfGuard guard, Duration connectTimeout) {
    this.guard = Objects.requireNonNull(guard, "guard");
    this.client = OutboundHttp.clientBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(connectTimeout)
        .build();
  }

  /**
   * Sends one attempt.
   *
   * @param endpoint the endpoint
   * @param message the message
   * @param at the attempt time, signed into the headers
   * @param timeout the attempt timeout
   * @return the response or error
   */
  @Override
  public AttemptResponse send(WebhookEndpoint endpoint, WebhookMessage message, Instant at, Duration timeout) {
    try {
      guard.check(endpoint.url());
    } catch (ForbiddenException e) {
      return AttemptResponse.refused(e.getMessage());
    }
    byte[] body = message.body();
    HttpRequest.Builder request = OutboundHttp.request(endpoint.url())
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("User-Agent", "bizo-webhooks/1")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    WebhookSigner.sign(endpoint.secret(), message.id(), at, body).asMap().forEach(request::header);
    endpoint.staticHeader().ifPresent(h -> request.header(h.name(), h.value()));
    long start = System.nanoTime();
    try {
      HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
      return AttemptResponse.status(response.statusCode(), Duration.ofNanos(System.nanoTime() - start));
    } catch (HttpTimeoutException e) {
      return AttemptResponse.error("timed out after " + timeout, Duration.ofNanos(System.nanoTime() - start));
    } catch (IOException e) {
      return AttemptResponse.error(e.getClass().getSimpleName() + ": " + e.getMessage(),
          Duration.ofNanos(System.nanoTime() - start));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return AttemptResponse.error("interrupted", Duration.ofNanos(System.nanoTime() - start));
    }
  }
}
