package dev.bizo.server.it;

import static dev.bizo.server.it.TestTenant.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import dev.bizo.testkit.Eventually;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tenant webhook endpoints receiving signed domain events at a receiver running in the test. */
@ExtendWith(RunningServer.Extension.class)
class WebhookEndpointsIT {

  /** One request the receiver got. */
  record Received(Map<String, String> headers, String body) {}

  private static Api api;
  private static HttpServer receiver;
  private static final BlockingQueue<Received> RECEIVED = new LinkedBlockingQueue<>();

  @BeforeAll
  static void start(RunningServer server) throws Exception {
    api = new Api(server);
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, String> headers = new java.util.HashMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
      RECEIVED.add(new Received(headers, body));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
  }

  @AfterAll
  static void stop() {
    receiver.stop(0);
  }

  @Test
  void a_registered_endpoint_receives_a_signed_lead_created_event_and_can_have_it_redelivered() throws Exception {
    TestTenant tenant = TestTenant.signup(api);
    String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    Reply registered = api.postJsonAs(tenant.apiKey(), "/api/v1/webhook-endpoints",
        "{\"url\":\"" + url + "\",\"eventTypes\":[\"lead.created\"],\"staticHeaderName\":\"X-Receiver-Auth\",\"staticHeaderValue\":\"s3cret\"}");
    assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
    String secret = registered.json().path("secret").asText();
    String endpointId = registered.json().path("endpoint").path("id").asText();
    assertThat(secret).startsWith("whsec_");

    RECEIVED.clear();
    String leadId = api.postJsonAs(tenant.apiKey(), "/api/v1/leads", "{\"name\":\"Hooked\",\"email\":\"hooked@x.example\",\"source\":\"WEBSITE\"}")
        .json().path("id").asText();
    Received first = RECEIVED.poll(60, TimeUnit.SECONDS);

    assertThat(first).as("no delivery arrived").isNotNull();
    assertThat(first.body()).contains("\"type\":\"lead.created\"").contains(leadId);
    assertThat(first.headers().get("x-receiver-auth")).isEqualTo("s3cret");
    String expected = sign(secret, first.headers().get("webhook-id"), first.headers().get("webhook-timestamp"), first.body());
    assertThat(first.headers().get("webhook-signature")).contains("v1," + expected);

    JsonNode deliveries = awaitDelivered(tenant, endpointId);
    String deliveryId = deliveries.get(0).path("id").asText();
    Reply redeliver = api.postJsonAs(tenant.apiKey(),
        "/api/v1/webhook-endpoints/" + endpointId + "/deliveries/" + deliveryId + "/redeliver", "");
    assertThat(redeliver.status()).as(redeliver.toString()).isEqualTo(200);
    Received again = RECEIVED.poll(60, TimeUnit.SECONDS);
    assertThat(again).as("no redelivery arrived").isNotNull();
    assertThat(again.headers().get("webhook-id")).isEqualTo(first.headers().get("webhook-id"));

    Reply list = api.getAs(tenant.apiKey(), "/api/v1/webhook-endpoints");
    assertThat(list.json()).hasSize(1);
    assertThat(list.body()).doesNotContain(secret).doesNotContain("s3cret");
    assertThat(api.deleteAs(tenant.apiKey(), "/api/v1/webhook-endpoints/" + endpointId).status()).isEqualTo(204);
    assertThat(api.getAs(tenant.apiKey(), "/api/v1/webhook-endpoints/" + endpointId).json().path("enabled").asBoolean()).isFalse();
  }

  @Test
  void refusals_have_exact_statuses_and_codes() throws Exception {
    TestTenant tenant = TestTenant.signup(api);
    TestTenant other = TestTenant.signup(api);
    String theirs = api.postJsonAs(other.apiKey(), "/api/v1/webhook-endpoints", "{\"url\":\"http://127.0.0.1:9/x\"}")
        .json().path("endpoint").path("id").asText();
    String member = tenant.userToken(api, "MEMBER");

    assertProblem(api.postJsonAs(tenant.apiKey(), "/api/v1/webhook-endpoints", "{\"url\":\"http://10.1.2.3/x\"}"), 422, "webhook.url_refused");
    assertProblem(api.postJsonAs(tenant.apiKey(), "/api/v1/webhook-endpoints", "{\"url\":\"ftp://example.com/x\"}"), 422, "validation_failed");
    assertProblem(api.postJsonAs(tenant.apiKey(), "/api/v1/webhook-endpoints", "{}"), 422, "validation_failed");
    assertProblem(api.postJsonAs(member, "/api/v1/webhook-endpoints", "{\"url\":\"http://127.0.0.1:9/x\"}"), 403, "forbidden");
    assertProblem(api.getAs(tenant.apiKey(), "/api/v1/webhook-endpoints/" + theirs), 404, "webhook_endpoint.not_found");
    assertProblem(api.deleteAs(tenant.apiKey(), "/api/v1/webhook-endpoints/" + theirs), 404, "webhook_endpoint.not_found");
    assertProblem(api.getAs(tenant.apiKey(), "/api/v1/webhook-endpoints/" + theirs + "/deliveries"), 404, "webhook_endpoint.not_found");
  }

  private static JsonNode awaitDelivered(TestTenant tenant, String endpointId) throws Exception {
    return Eventually.until(Duration.ofSeconds(30), Duration.ofMillis(300), "delivered",
        () -> api.getAs(tenant.apiKey(), "/api/v1/webhook-endpoints/" + endpointId + "/deliveries").json(),
        deliveries -> deliveries.size() > 0 && deliveries.get(0).path("status").asText().equals("DELIVERED"));
  }

  private static String sign(String secret, String id, String timestamp, String body) throws Exception {
    byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return Base64.getEncoder().encodeToString(mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
  }
}
