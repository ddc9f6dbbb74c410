package dev.bizo.payments.paypal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.bizo.core.Money;
import dev.bizo.payments.paypal.internal.PayPalWebhookVerifier;
import dev.bizo.payments.spi.GatewayCredentials;
import dev.bizo.payments.spi.ReceivedHeaders;
import dev.bizo.payments.spi.WebhookEvent;
import dev.bizo.payments.spi.WebhookEventType;
import dev.bizo.payments.spi.WebhookRejectedException;
import dev.bizo.payments.spi.WebhookRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Webhook verification through PayPal's verify-webhook-signature API: what is sent, and that nothing but a
 * SUCCESS answer accepts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PayPalWebhookTest {

  private static final Instant NOW = Instant.parse("2026-03-02T10:15:30Z");
  private static final Money EUR = Money.of("100.00", "EUR");
  private static final String WEBHOOK_ID = PayPalGatewayTckTest.WEBHOOK_ID;
  private static final GatewayCredentials CREDENTIALS = GatewayCredentials.of(Map.of(
      PayPalGateway.CLIENT_ID, PayPalStubs.CLIENT_ID, PayPalGateway.CLIENT_SECRET, PayPalStubs.CLIENT_SECRET,
      PayPalGateway.WEBHOOK_ID, WEBHOOK_ID));

  private WireMockServer api;
  private PayPalGateway gateway;

  @BeforeAll
  void start() {
    api = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    api.start();
  }

  @AfterAll
  void stop() {
    api.stop();
  }

  @BeforeEach
  void reset() {
    api.resetAll();
    new PayPalStubs(api).token();
    gateway = gatewayAt(URI.create(api.baseUrl()), Duration.ofSeconds(3));
  }

  private static PayPalGateway gatewayAt(URI base, Duration timeout) {
    return PayPalGateway.builder().apiBase(base).connectTimeout(timeout).readTimeout(timeout)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
  }

  private static byte[] event(String id, WebhookEventType type, String reference) {
    return PayPalWebhooks.event(id, type, reference, EUR, NOW).getBytes(StandardCharsets.UTF_8);
  }

  private WebhookEvent verify(PayPalGateway target, byte[] body, Map<String, String> headers) {
    return target.verifyAndParseWebhook(WebhookRequest.of(body, ReceivedHeaders.of(headers), CREDENTIALS));
  }

  private WebhookRejectedException rejection(byte[] body, Map<String, String> headers) {
    return catchThrowableOfType(WebhookRejectedException.class, () -> verify(gateway, body, headers));
  }

  @Test
  void sends_the_five_headers_the_webhook_id_and_the_raw_body_verbatim() {
    PayPalWebhooks.stubVerification(api);
    byte[] body = ("{ \"id\" : \"WH-7Y7254563A4550640-11V2185806837105M\",\n  \"event_version\":\"1.0\","
        + "\"create_time\":\"2026-03-02T10:15:00.123Z\",\"event_type\":\"PAYMENT.CAPTURE.COMPLETED\","
        + "\"resource\":{\"amount\":{\"value\":\"100.00\",\"currency_code\":\"EUR\"},\"id\":\""
        + PayPalStubs.CAPTURE + "\"}}").getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = PayPalWebhooks.headers(body, WEBHOOK_ID, NOW);

    WebhookEvent event = verify(gateway, body, headers);

    assertThat(event.eventId()).isEqualTo("WH-7Y7254563A4550640-11V2185806837105M");
    assertThat(event.type()).isEqualTo(WebhookEventType.PAYMENT_CAPTURED);
    assertThat(event.gatewayReference()).contains(PayPalStubs.CAPTURE);
    assertThat(event.amount()).contains(EUR);
    assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-03-02T10:15:00.123Z"));
    api.verify(postRequestedFor(urlEqualTo(PayPalWebhookVerifier.PATH))
        .withHeader("Authorization", equalTo("Bearer " + PayPalStubs.ACCESS_TOKEN))
        .withRequestBody(matchingJsonPath("$.webhook_id", equalTo(WEBHOOK_ID)))
        .withRequestBody(matchingJsonPath("$.auth_algo", equalTo(PayPalWebhooks.AUTH_ALGO)))
        .withRequestBody(matchingJsonPath("$.cert_url", equalTo(PayPalWebhooks.CERT_URL)))
        .withRequestBody(matchingJsonPath("$.transmission_id", equalTo(headers.get("PAYPAL-TRANSMISSION-ID"))))
        .withRequestBody(matchingJsonPath("$.transmission_sig", equalTo(headers.get("PAYPAL-TRANSMISSION-SIG"))))
        .withRequestBody(matchingJsonPath("$.transmission_time", equalTo(NOW.toString()))));
    byte[] sent = api.getAllServeEvents().stream()
        .filter(e -> e.getRequest().getUrl().equals(PayPalWebhookVerifier.PATH)).findFirst().orElseThrow()
        .getRequest().getBody();
    assertThat(new String(sent, StandardCharsets.UTF_8)).contains("\"webhook_event\":" + new String(body, StandardCharsets.UTF_8));
  }

  @Test
  void a_failure_answer_rejects_the_webhook_as_not_genuine() {
    api.stubFor(post(PayPalWebhookVerifier.PATH).willReturn(PayPalStubs.json(200, "{\"verification_status\":\"FAILURE\"}")));
    byte[] body = event("WH-FAIL", WebhookEventType.PAYMENT_CAPTURED, PayPalStubs.CAPTURE);

    WebhookRejectedException e = rejection(body, PayPalWebhooks.headers(body, WEBHOOK_ID, NOW));

    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo(WebhookRejectedException.SIGNATURE_INVALID);
  }

  @Test
  void an_http_error_from_the_verification_api_rejects() {
    api.stubFor(post(PayPalWebhookVerifier.PATH).willReturn(PayPalStubs.json(500,
        "{\"name\":\"INTERNAL_SERVICE_ERROR\",\"debug_id\":\"tck0debug500\"}")));
    byte[] body = event("WH-500", WebhookEventType.PAYMENT_CAPTURED, PayPalStubs.CAPTURE);

    WebhookRejectedException e = rejection(body, PayPalWebhooks.headers(body, WEBHOOK_ID, NOW));

    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo(PayPalWebhookVerifier.VERIFICATION_UNAVAILABLE);
  }

  @Test
  void a_refused_access_token_is_replaced_once_before_asking_again() {
    PayPalWebhooks.stubVerification(api);
    api.stubFor(post(PayPalWebhookVerifier.PATH).atPriority(1)
        .inScenario("revoked").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("renewed")
        .willReturn(PayPalStubs.json(401, "{\"error\":\"invalid_token\"}")));
    byte[] body = event("WH-RENEW", WebhookEventType.PAYMENT_CAPTURED, PayPalStubs.CAPTURE);

    WebhookEvent event = verify(gateway, body, PayPalWebhooks.headers(body, WEBHOOK_ID, NOW));

    assertThat(event.eventId()).isEqualTo("WH-RENEW");
    api.verify(2, postRequestedFor(urlEqualTo("/v1/oauth2/token")));
    api.verify(2, postRequestedFor(urlEqualTo(PayPalWebhookVerifier.PATH)));
  }

  @Test
  void a_verification_answer_later_than_the_timeout_rejects() {
    api.stubFor(post(PayPalWebhookVerifier.PATH).willReturn(PayPalStubs.json(200,
        "{\"verification_status\":\"SUCCESS\"}").withFixedDelay(4_000)));
    PayPalGateway impatient = gatewayAt(URI.create(api.baseUrl()), Duration.ofSeconds(2));
    byte[] body = event("WH-LATE", WebhookEventType.PAYMENT_CAPTURED, PayPalStubs.CAPTURE);
    Map<String, String> headers = PayPalWebhooks.headers(body, WEBHOOK_ID, NOW);

    WebhookRejectedException e = catchThrowableOfType(WebhookRejectedException.class,
        () -> verify(impatient, body, headers));

    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo(PayPalWebhookVerifier.VERIFICATION_UNAVAILABLE);
  }

  @Test
  void an_unreachable_paypal_rejects() throws IOException {
    int refused;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      refused = socket.getLocalPort();
    }
    PayPalGateway cutOff = gatewayAt(URI.create("http://127.0.0.1:" + refused), Duration.ofSeconds(2));
    byte[] body = event("WH-DOWN", WebhookEventType.PAYMENT_CAPTURED, PayPalStubs.CAPTURE);
    Map<String, String> headers = PayPalWebhooks.headers(body, WEBHOOK_ID, NOW);

    WebhookRejectedException e = catchThrowableOfType(WebhookRejectedException.class,
        () -> verify(cutOff, body, headers));

    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo(PayPalWebhookVerifier.VERIFICATION_UNAVAILABLE);
  }

  @Test
  void a_missing_transmission_header_rejects_without_asking_paypal() {
    byte[] body = event("WH-NOCERT", WebhookEventType.PAYMENT_CAPTURED, PayPalStubs.CAPTURE);
    Map<String, String> headers = new HashMap<>(PayPalWebhooks.headers(body, WEBHOOK_ID, NOW));
    headers.remove("PAYPAL-CERT-URL");

    WebhookRejectedException e = rejection(body, headers);

    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo(WebhookRejectedException.SIGNATURE_MISSING);
    assertThat(e.getMessage()).contains("PAYPAL-CERT-URL");
    api.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void a_body_that_is_not_a_json_object_is_rejected_without_asking_paypal() {
    byte[] body = "id=WH-1&event_type=PAYMENT.CAPTURE.COMPLETED".getBytes(StandardCharsets.UTF_8);

    WebhookRejectedException e = rejection(body, PayPalWebhooks.headers(body, WEBHOOK_ID, NOW));

    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo(WebhookRejectedException.SIGNATURE_INVALID);
    api.verify(0, postRequestedFor(urlEqualTo(PayPalWebhookVerifier.PATH)));
  }

  @Test
  void refund_void_and_order_events_name_what_the_gateway_operations_returned() {
    PayPalWebhooks.stubVerification(api);
    byte[] refund = event("WH-REFUND", WebhookEventType.PAYMENT_REFUNDED, PayPalStubs.REFUND);
    byte[] voided = event("WH-VOID", WebhookEventType.PAYMENT_VOIDED, PayPalStubs.AUTHORIZATION);
    byte[] approved = event("WH-APPROVED", WebhookEventType.OTHER, PayPalStubs.ORDER);

    WebhookEvent refunded = verify(gateway, refund, PayPalWebhooks.headers(refund, WEBHOOK_ID, NOW));
    WebhookEvent released = verify(gateway, voided, PayPalWebhooks.headers(voided, WEBHOOK_ID, NOW));
    WebhookEvent other = verify(gateway, approved, PayPalWebhooks.headers(approved, WEBHOOK_ID, NOW));

    assertThat(refunded.type()).isEqualTo(WebhookEventType.PAYMENT_REFUNDED);
    assertThat(refunded.gatewayEventType()).isEqualTo("PAYMENT.CAPTURE.REFUNDED");
    assertThat(refunded.gatewayReference()).contains(PayPalStubs.REFUND);
    assertThat(refunded.amount()).contains(EUR);
    assertThat(released.type()).isEqualTo(WebhookEventType.PAYMENT_VOIDED);
    assertThat(released.gatewayReference()).contains(PayPalStubs.AUTHORIZATION);
    assertThat(other.type()).isEqualTo(WebhookEventType.OTHER);
    assertThat(other.gatewayEventType()).isEqualTo("CHECKOUT.ORDER.APPROVED");
  }

  @Test
  void a_genuine_body_without_an_event_id_is_malformed() {
    api.stubFor(post(PayPalWebhookVerifier.PATH)
        .withRequestBody(matchingJsonPath("$.webhook_id", equalTo(WEBHOOK_ID)))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"verification_status\":\"SUCCESS\"}")));
    byte[] body = "{\"event_type\":\"PAYMENT.CAPTURE.COMPLETED\",\"create_time\":\"2026-03-02T10:15:00Z\"}"
        .getBytes(StandardCharsets.UTF_8);

    WebhookRejectedException e = rejection(body, PayPalWebhooks.headers(body, WEBHOOK_ID, NOW));

    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo(WebhookRejectedException.MALFORMED);
  }
}
