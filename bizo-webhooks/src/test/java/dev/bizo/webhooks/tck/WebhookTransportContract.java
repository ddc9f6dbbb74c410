package dev.bizo.webhooks.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.webhooks.AttemptResponse;
import dev.bizo.webhooks.WebhookEndpoint;
import dev.bizo.webhooks.WebhookMessage;
import dev.bizo.webhooks.WebhookSecret;
import dev.bizo.webhooks.spi.WebhookTransport;
import dev.bizo.webhooks.testing.LocalReceiver;
import dev.bizo.webhooks.testing.StandardWebhooksVerifier;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link WebhookTransport} does, against a real HTTP receiver on 127.0.0.1. Extend it with your
 * transport (one that may reach loopback addresses, e.g. with {@code 127.0.0.1} allowed by its SSRF guard):
 *
 * <pre>{@code
 * class QueueTransportIT extends WebhookTransportContract {
 *   protected WebhookTransport transport() { return new QueueTransport(...); }
 * }
 * }</pre>
 */
public abstract class WebhookTransportContract {

  private static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final WebhookSecret secret = WebhookSecret.generate();
  private LocalReceiver receiver;

  /**
   * The transport under test, able to reach 127.0.0.1.
   *
   * @return the transport
   */
  protected abstract WebhookTransport transport();

  @BeforeEach
  void startReceiver() throws IOException {
    receiver = new LocalReceiver();
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  private WebhookEndpoint endpoint(String path) {
    return WebhookEndpoint.of("ep_contract", receiver.url(path), secret);
  }

  @Test
  void posts_the_body_as_json_with_standard_webhooks_headers_that_verify() throws Exception {
    WebhookMessage message = WebhookMessage.create("lead.created", AT, "{\"leadId\":\"L-1\"}");

    AttemptResponse response = transport().send(endpoint("/signed"), message, AT, TIMEOUT);

    assertThat(response.status()).hasValue(200);
    LocalReceiver.Received request = receiver.received("/signed").get(0);
    assertThat(request.body()).isEqualTo("{\"leadId\":\"L-1\"}");
    assertThat(request.header("content-type")).isEqualTo("application/json");
    assertThat(request.header("webhook-id")).isEqualTo(message.id());
    assertThat(request.header("webhook-timestamp")).isEqualTo(Long.toString(AT.getEpochSecond()));
    assertThat(StandardWebhooksVerifier.verify(secret.encoded(), request.headers(), request.body(),
        AT.getEpochSecond())).isTrue();
  }

  @Test
  void sends_the_static_header_as_it_is() {
    WebhookMessage message = WebhookMessage.create("lead.created", AT, "{}");

    transport().send(endpoint("/static").withStaticHeader("X-N8N-Auth", "n8n-shared-token"), message, AT, TIMEOUT);

    assertThat(receiver.received("/static")).singleElement()
        .satisfies(r -> assertThat(r.header("x-n8n-auth")).isEqualTo("n8n-shared-token"));
  }

  @Test
  void every_attempt_carries_the_message_id_and_its_own_signed_time() throws Exception {
    WebhookMessage message = WebhookMessage.create("payment.failed", AT, "{}");
    Instant later = AT.plus(Duration.ofMinutes(5));

    transport().send(endpoint("/retried"), message, AT, TIMEOUT);
    transport().send(endpoint("/retried"), message, later, TIMEOUT);

    List<LocalReceiver.Received> requests = receiver.received("/retried");
    assertThat(requests).extracting(r -> r.header("webhook-id")).containsExactly(message.id(), message.id());
    assertThat(requests).extracting(r -> r.header("webhook-timestamp"))
        .containsExactly(Long.toString(AT.getEpochSecond()), Long.toString(later.getEpochSecond()));
    assertThat(StandardWebhooksVerifier.verify(secret.encoded(), requests.get(1).headers(), requests.get(1).body(),
        later.getEpochSecond())).isTrue();
  }

  @Test
  void returns_whatever_status_the_receiver_answers_with_one_request_each() {
    receiver.thenAnswer(503, 410, 302, 429);
    WebhookMessage message = WebhookMessage.create("lead.created", AT, "{}");

    List<Integer> statuses = List.of(1, 2, 3, 4).stream()
        .map(i -> transport().send(endpoint("/status"), message, AT, TIMEOUT).status().orElse(-1)).toList();

    assertThat(statuses).containsExactly(503, 410, 302, 429);
    assertThat(receiver.received("/status")).hasSize(4);
  }

  @Test
  void no_answer_within_the_timeout_is_an_error_not_an_exception() {
    receiver.delayEachAnswer(Duration.ofSeconds(3));
    WebhookMessage message = WebhookMessage.create("lead.created", AT, "{}");

    AttemptResponse response = transport().send(endpoint("/slow"), message, AT, Duration.ofMillis(500));

    assertThat(response.status()).isEmpty();
    assertThat(response.error()).isPresent();
    assertThat(response.duration()).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void a_refused_connection_is_an_error_not_an_exception() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closedPort = socket.getLocalPort();
    }
    WebhookEndpoint nowhere = WebhookEndpoint.of("ep_contract", URI.create("http://127.0.0.1:" + closedPort + "/x"), secret);

    AttemptResponse response = transport().send(nowhere, WebhookMessage.create("lead.created", AT, "{}"), AT, TIMEOUT);

    assertThat(response.status()).isEmpty();
    assertThat(response.error()).isPresent();
  }
}
