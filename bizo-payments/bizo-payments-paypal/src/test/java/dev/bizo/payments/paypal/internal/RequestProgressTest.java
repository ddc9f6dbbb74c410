package dev.bizo.payments.paypal.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A failure before any request byte left is told apart from one after, through OkHttp's call events. A
 * TLS handshake against a plain-HTTP port stands for every failure before the request (it is what a
 * connect timeout or a broken proxy looks like to the request: nothing written).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestProgressTest {

  private static final MediaType JSON = MediaType.get("application/json");

  private WireMockServer server;
  private OkHttpClient http;
  private RequestProgress progress;

  @BeforeAll
  void start() {
    server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    server.start();
    http = new OkHttpClient.Builder()
        .eventListenerFactory(RequestProgress.listeners())
        .connectTimeout(3, TimeUnit.SECONDS)
        .readTimeout(1, TimeUnit.SECONDS)
        .retryOnConnectionFailure(false)
        .build();
  }

  @AfterAll
  void stop() {
    server.stop();
  }

  @BeforeEach
  void watch() {
    server.resetAll();
    progress = RequestProgress.begin();
  }

  @AfterEach
  void unwatch() {
    progress.end();
  }

  private String plain(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  /** TLS spoken to the plain-HTTP port: the handshake fails before any request is written. */
  private String tls(String path) {
    return "https://127.0.0.1:" + server.port() + path;
  }

  private IOException failure(Request request) {
    return catchThrowableOfType(IOException.class, () -> {
      try (Response ignored = http.newCall(request).execute()) {
        ignored.body().string();
      }
    });
  }

  private void succeed(Request request) throws IOException {
    try (Response response = http.newCall(request).execute()) {
      assertThat(response.code()).isEqualTo(200);
    }
  }

  private static Request postTo(String url) {
    return new Request.Builder().url(url).post(RequestBody.create("{}", JSON)).build();
  }

  @Test
  void a_failed_handshake_proves_the_request_never_left() {
    IOException e = failure(postTo(tls("/v2/checkout/orders/X/capture")));
    assertThat(e).isNotNull();
    assertThat(progress.provesNeverSent(e)).isTrue();
  }

  @Test
  void a_read_timeout_after_sending_proves_nothing() {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));
    IOException e = failure(postTo(plain("/v2/checkout/orders/X/capture")));
    assertThat(e).isNotNull();
    assertThat(progress.provesNeverSent(e)).isFalse();
  }

  @Test
  void a_reset_after_the_request_was_read_proves_nothing() {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    IOException e = failure(postTo(plain("/v2/checkout/orders/X/capture")));
    assertThat(e).isNotNull();
    assertThat(progress.provesNeverSent(e)).isFalse();
  }

  @Test
  void a_failure_after_only_reads_still_proves_the_money_moving_call_never_left() throws IOException {
    server.stubFor(get("/v2/checkout/orders/X").willReturn(aResponse().withStatus(200).withBody("{}")));
    succeed(new Request.Builder().url(plain("/v2/checkout/orders/X")).get().build());
    IOException e = failure(postTo(tls("/v2/checkout/orders/X/capture")));
    assertThat(progress.provesNeverSent(e)).isTrue();
  }

  @Test
  void a_failure_after_a_money_moving_call_went_out_proves_nothing() throws IOException {
    server.stubFor(post("/v2/payments/authorizations/A/void").willReturn(aResponse().withStatus(200).withBody("{}")));
    succeed(postTo(plain("/v2/payments/authorizations/A/void")));
    IOException e = failure(new Request.Builder().url(tls("/v2/payments/authorizations/A")).get().build());
    assertThat(e).isNotNull();
    assertThat(progress.provesNeverSent(e)).isFalse();
  }

  @Test
  void calls_outside_an_operation_are_not_watched() {
    progress.end();
    RequestProgress unwatched = RequestProgress.begin();
    unwatched.end();
    IOException e = failure(postTo(tls("/v2/checkout/orders")));
    assertThat(unwatched.provesNeverSent(e)).isFalse();
  }
}
