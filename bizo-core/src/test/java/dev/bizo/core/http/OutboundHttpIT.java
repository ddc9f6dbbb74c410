package dev.bizo.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bizo.testkit.NodeHttpPeer;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real Node.js server with an {@code upgrade} listener (like n8n's) against the clients OutboundHttp builds. */
class OutboundHttpIT {

  private NodeHttpPeer peer;

  @BeforeEach
  void start() throws Exception {
    assumeTrue(NodeHttpPeer.nodeAvailable(), NodeHttpPeer.NO_NODE);
    peer = NodeHttpPeer.start().route("GET", "/hello", 200, "text/plain", "hello");
  }

  @AfterEach
  void stop() {
    if (peer != null) {
      peer.close();
    }
  }

  @Test
  void the_jdk_default_client_offers_h2c_on_cleartext_and_a_node_server_never_answers_it() {
    HttpClient jdkDefault = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    assertThatThrownBy(() -> jdkDefault.send(
        java.net.http.HttpRequest.newBuilder(peer.url("/hello")).timeout(Duration.ofSeconds(1)).GET().build(),
        HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(HttpTimeoutException.class);
    assertThat(peer.upgradesOffered()).singleElement().satisfies(u -> assertThat(u.upgrade()).isEqualTo("h2c"));
    assertThat(peer.received()).isEmpty();
  }

  @Test
  void a_request_from_outbound_http_is_answered_over_http_1_1_without_an_upgrade() throws Exception {
    HttpClient client = OutboundHttp.clientBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    HttpResponse<String> response = client.send(
        OutboundHttp.request(peer.url("/hello")).timeout(Duration.ofSeconds(5)).GET().build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("hello");
    assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    assertThat(peer.received()).singleElement().satisfies(r -> {
      assertThat(r.httpVersion()).isEqualTo("1.1");
      assertThat(r.header("upgrade")).isEmpty();
    });
    assertThat(peer.upgradesOffered()).isEmpty();
  }

  @Test
  void a_client_built_for_a_cleartext_base_url_is_answered_even_with_a_plain_request() throws Exception {
    HttpClient client = OutboundHttp.clientBuilder(peer.url("/")).connectTimeout(Duration.ofSeconds(2)).build();

    HttpResponse<String> response = client.send(
        java.net.http.HttpRequest.newBuilder(peer.url("/hello")).timeout(Duration.ofSeconds(5)).GET().build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(peer.upgradesOffered()).isEmpty();
  }
}
