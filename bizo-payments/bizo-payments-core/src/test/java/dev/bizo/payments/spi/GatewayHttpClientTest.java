package dev.bizo.payments.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared transport of java.net.http gateways, against a real loopback server. */
class GatewayHttpClientTest {

  private HttpServer server;
  private final List<String> versions = new CopyOnWriteArrayList<>();
  private volatile int status = 200;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      versions.add(exchange.getProtocol() + (exchange.getRequestHeaders().containsKey("Upgrade") ? " upgrade" : ""));
      byte[] body = ("{\"path\":\"" + exchange.getRequestURI().getPath() + "\"}").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private GatewaySettings settings(URI apiBase) {
    return new GatewaySettings(apiBase, Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMinutes(5),
        Clock.systemUTC());
  }

  private URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private GatewayResult call(GatewayHttpClient http) {
    return http.send(http.request("/v1/things").GET().build(), "ref_1",
        response -> GatewayResult.success("ref_1", dev.bizo.core.Money.of("1.00", "EUR")));
  }

  @Test
  void an_answer_below_500_goes_to_the_reader_over_http_1_1_without_an_upgrade_offer() {
    GatewayResult result = call(new GatewayHttpClient("acme", "Acme", settings(base())));

    assertThat(result.outcome()).isEqualTo(GatewayResult.Outcome.SUCCESS);
    assertThat(versions).containsExactly("HTTP/1.1");
  }

  @Test
  void a_5xx_answer_is_unknown_and_keeps_the_known_reference() {
    status = 503;
    GatewayResult result = call(new GatewayHttpClient("acme", "Acme", settings(base())));

    assertThat(result.outcome()).isEqualTo(GatewayResult.Outcome.UNKNOWN);
    assertThat(result.gatewayReference()).contains("ref_1");
    assertThat(result.message()).hasValueSatisfying(m -> assertThat(m).contains("Acme answered HTTP 503"));
  }

  @Test
  void a_status_the_gateway_adds_is_unknown_and_others_still_reach_the_reader() {
    status = 409;
    GatewayHttpClient plain = new GatewayHttpClient("acme", "Acme", settings(base()));

    assertThat(call(plain).outcome()).isEqualTo(GatewayResult.Outcome.SUCCESS);
    assertThat(call(plain.unknownAlsoOn(409, 429)).outcome()).isEqualTo(GatewayResult.Outcome.UNKNOWN);
  }

  @Test
  void a_refused_connection_proves_nothing_was_sent() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    GatewayHttpClient http = new GatewayHttpClient("acme", "Acme", settings(URI.create("http://127.0.0.1:" + closed)));

    assertThatThrownBy(() -> call(http)).isInstanceOf(GatewayUnreachableException.class);
  }

  @Test
  void exchange_hands_an_unknown_outcome_to_the_gateways_own_type() {
    status = 500;
    GatewayHttpClient http = new GatewayHttpClient("acme", "Acme", settings(base()));

    String read = http.exchange(http.request("/x").GET().build(), null, response -> "answer",
        unknown -> "unknown: " + unknown.outcome());

    assertThat(read).isEqualTo("unknown: UNKNOWN");
  }

  @Test
  void settings_build_a_client_that_follows_no_redirects_and_requests_with_the_read_timeout() {
    GatewaySettings settings = settings(base());

    assertThat(settings.newHttpClient().followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
    assertThat(settings.newHttpClient().version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    HttpRequest request = settings.request(URI.create("https://api.example/v1")).GET().build();
    assertThat(request.timeout()).contains(Duration.ofSeconds(2));
    assertThat(request.version()).contains(HttpClient.Version.HTTP_2);
  }
}
