package dev.bizo.webhooks.spi;

import dev.bizo.webhooks.AttemptResponse;
import dev.bizo.webhooks.WebhookEndpoint;
import dev.bizo.webhooks.WebhookMessage;
import java.time.Duration;
import java.time.Instant;

/**
 * Makes one delivery attempt: POSTs one signed message to one endpoint and reports what came back. The default is
 * {@link dev.bizo.webhooks.WebhookSender} ({@code java.net.http}, SSRF-guarded); another transport (a proxy, a
 * queue, a test double) is given to {@link dev.bizo.webhooks.WebhookEndpoints.Builder#transport} or to
 * {@link dev.bizo.webhooks.WebhookDelivery}. Retries, backoff and the delivery log are the caller's: a transport
 * makes exactly one request.
 *
 * <p>What every transport does (checked by {@code WebhookTransportContract} in bizo-webhooks' test jar):
 * <ul>
 *   <li>the body is {@link WebhookMessage#body()}, sent as {@code application/json};</li>
 *   <li>the Standard Webhooks headers are those of
 *       {@link dev.bizo.webhooks.WebhookSigner#sign WebhookSigner.sign(secret, message id, at, body)}, so
 *       {@code webhook-id} is the message id on every attempt;</li>
 *   <li>the endpoint's static header, if any, is sent as it is;</li>
 *   <li>any HTTP answer is returned as its status, redirects included (they are not followed);</li>
 *   <li>no answer within {@code timeout}, a refused connection or another I/O error is returned as
 *       {@link AttemptResponse#error(String, Duration)}, never thrown.</li>
 * </ul>
 *
 * <p>Implementations are thread-safe: one instance serves every tenant and every replica thread.
 */
@FunctionalInterface
public interface WebhookTransport {

  /**
   * Makes one attempt.
   *
   * @param endpoint where to, with its secret and static header
   * @param message the message
   * @param at the attempt time, signed into {@code webhook-timestamp}
   * @param timeout how long the whole attempt may take
   * @return the status, or the error when no answer came
   */
  AttemptResponse send(WebhookEndpoint endpoint, WebhookMessage message, Instant at, Duration timeout);
}
