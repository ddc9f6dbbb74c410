package dev.bizo.payments.tck;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.bizo.core.http.OutboundHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reads keys out of requests a real WireMock server recorded, sent by a real HTTP client. */
class IdempotencyKeyLocationTest {

  private final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
  private final HttpClient http = OutboundHttp.clientBuilder().build();

  @BeforeEach
  void start() {
    server.start();
    server.stubFor(any(anyUrl()).willReturn(ok()));
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void reads_a_url_encoded_form_field() throws Exception {
    LoggedRequest request = post("application/x-www-form-urlencoded",
        "key=JPM7Fg&txnid=bz0123456789abcdef&productinfo=T+shirt+%26+cap&note=a%3Db");
    assertThat(IdempotencyKeyLocation.formField("txnid").read(request)).isEqualTo("bz0123456789abcdef");
    assertThat(IdempotencyKeyLocation.formField("productinfo").read(request)).isEqualTo("T shirt & cap");
    assertThat(IdempotencyKeyLocation.formField("note").read(request)).isEqualTo("a=b");
    assertThat(IdempotencyKeyLocation.formField("var2").read(request)).isEmpty();
  }

  @Test
  void reads_a_top_level_json_field_and_nothing_from_a_body_that_is_not_json() throws Exception {
    LoggedRequest json = post("application/json", "{\"receipt\":\"rcpt-42\",\"notes\":{\"receipt\":\"nested\"}}");
    assertThat(IdempotencyKeyLocation.jsonField("receipt").read(json)).isEqualTo("rcpt-42");
    assertThat(IdempotencyKeyLocation.jsonField("missing").read(json)).isEmpty();
    LoggedRequest form = post("application/x-www-form-urlencoded", "receipt=rcpt-42");
    assertThat(IdempotencyKeyLocation.jsonField("receipt").read(form)).isEmpty();
  }

  @Test
  void reads_a_header_and_nothing_when_it_is_absent() throws Exception {
    LoggedRequest request = send(HttpRequest.newBuilder(uri()).header("Idempotency-Key", "k-1")
        .POST(HttpRequest.BodyPublishers.noBody()).build());
    assertThat(IdempotencyKeyLocation.header("Idempotency-Key").read(request)).isEqualTo("k-1");
    assertThat(IdempotencyKeyLocation.header("PayPal-Request-Id").read(request)).isEmpty();
    assertThat(IdempotencyKeyLocation.header("Idempotency-Key")).hasToString("header Idempotency-Key");
  }

  private LoggedRequest post(String contentType, String body) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri()).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private LoggedRequest send(HttpRequest request) throws IOException, InterruptedException {
    server.resetRequests();
    http.send(request, HttpResponse.BodyHandlers.discarding());
    return server.getAllServeEvents().get(0).getRequest();
  }

  private URI uri() {
    return URI.create("http://127.0.0.1:" + server.port() + "/recorded");
  }
}
