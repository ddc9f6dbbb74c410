package dev.bizo.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import org.junit.jupiter.api.Test;

class OutboundHttpTest {

  @Test
  void cleartext_urls_use_http_1_1_so_no_h2c_upgrade_is_offered() {
    assertThat(OutboundHttp.versionFor(URI.create("http://127.0.0.1:5678/webhook/x")))
        .isEqualTo(HttpClient.Version.HTTP_1_1);
    assertThat(OutboundHttp.versionFor(URI.create("HTTP://n8n.internal/webhook/x")))
        .isEqualTo(HttpClient.Version.HTTP_1_1);
    assertThat(OutboundHttp.request(URI.create("http://localhost:11434/api/chat")).build().version())
        .contains(HttpClient.Version.HTTP_1_1);
  }

  @Test
  void tls_urls_keep_http_2() {
    assertThat(OutboundHttp.versionFor(URI.create("https://api.openai.com/v1"))).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(OutboundHttp.versionFor(URI.create("HTTPS://api.stripe.com"))).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(OutboundHttp.request(URI.create("https://example.com/")).build().version())
        .contains(HttpClient.Version.HTTP_2);
  }

  @Test
  void a_client_for_many_urls_defaults_to_http_1_1_and_one_for_a_base_url_follows_its_scheme() {
    assertThat(OutboundHttp.clientBuilder().build().version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    assertThat(OutboundHttp.clientBuilder(URI.create("http://localhost:11434")).build().version())
        .isEqualTo(HttpClient.Version.HTTP_1_1);
    assertThat(OutboundHttp.clientBuilder(URI.create("https://api.openai.com/v1")).build().version())
        .isEqualTo(HttpClient.Version.HTTP_2);
  }
}
