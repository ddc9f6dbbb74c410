package dev.bizo.server.it;

import static dev.bizo.server.it.TestTenant.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.testkit.Eventually;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bizo.core.Money;
import dev.bizo.payments.simulator.SignedWebhook;
import dev.bizo.payments.simulator.SimulatorCards;
import dev.bizo.payments.simulator.SimulatorGateway;
import dev.bizo.payments.simulator.SimulatorWebhooks;
import dev.bizo.payments.spi.WebhookEventType;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Payments through the simulator gateway on the running server, with idempotency keys, webhooks and paging. */
@ExtendWith(RunningServer.Extension.class)
class PaymentsApiIT {

  private static Api api;

  @BeforeAll
  static void connect(RunningServer server) {
    api = new Api(server);
  }

  private static Reply pay(TestTenant tenant, String key, String card, long amount, String extra) throws Exception {
    return api.postJsonAs(tenant.apiKey(), "/api/v1/payments",
        "{\"amount\":" + amount + ",\"currency\":\"EUR\",\"paymentMethod\":\"" + card + "\"" + extra + "}",
        "Idempotency-Key", key);
  }

  private static JsonNode payOk(TestTenant tenant, String card, long amount, String extra) throws Exception {
    Reply reply = pay(tenant, UUID.randomUUID().toString(), card, amount, extra);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.json();
  }

  @Test
  void lists_the_simulator_as_configured_and_default() throws Exception {
    TestTenant tenant = TestTenant.signup(api);

    Reply reply = api.getAs(tenant.apiKey(), "/api/v1/gateways");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    JsonNode simulator = null;
    for (JsonNode g : reply.json()) {
      if (g.path("id").asText().equals("simulator")) {
        simulator = g;
      }
    }
    assertThat(simulator).as(reply.toString()).isNotNull();
    assertThat(simulator.path("simulator").asBoolean()).isTrue();
    assertThat(simulator.path("configured").asBoolean()).isTrue();
    assertThat(simulator.path("defaultGateway").asBoolean()).isTrue();
    assertThat(simulator.path("capabilities").path("manualCapture").asBoolean()).isTrue();
    assertThat(reply.body()).contains("\"stripe\"").contains("\"razorpay\"").contains("\"paypal\"").contains("\"payu\"");
  }

  @Test
  void a_successful_payment_is_captured_and_its_replay_returns_the_same_answer_without_a_second_charge() throws Exception {
    TestTenant tenant = TestTenant.signup(api);
    String key = UUID.randomUUID().toString();

    Reply first = pay(tenant, key, SimulatorCards.SUCCESS, 1999, ",\"customer\":\"cus_42\",\"description\":\"Order 42\"");
    Reply replay = pay(tenant, key, SimulatorCards.SUCCESS, 1999, ",\"customer\":\"cus_42\",\"description\":\"Order 42\"");
    Reply reused = pay(tenant, key, SimulatorCards.SUCCESS, 2999, "");

    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    assertThat(first.json().path("status").asText()).isEqualTo("CAPTURED");
    assertThat(first.json().path("gateway").asText()).isEqualTo("simulator");
    assertThat(first.json().path("amount").path("minorUnits").asLong()).isEqualTo(1999);
    assertThat(replay.json().path("paymentId").asText()).isEqualTo(first.json().path("paymentId").asText());
    assertThat(replay.json().path("transactionId").asText()).isEqualTo(first.json().path("transactionId").asText());
    assertProblem(reused, 409, "idempotency.key_reused");
    Reply page = api.getAs(tenant.apiKey(), "/api/v1/payments");
    assertThat(page.json().path("items")).hasSize(1);
  }

  @Test
  void a_declined_card_is_an_answer_with_the_decline_code() throws Exception {
    TestTenant tenant = TestTenant.signup(api);

    JsonNode declined = payOk(tenant, SimulatorCards.DECLINE_INSUFFICIENT_FUNDS, 500, "");

    assertThat(declined.path("status").asText()).isEqualTo("DECLINED");
    assertThat(declined.path("transactionStatus").asText()).isEqualTo("DECLINED");
    assertThat(declined.path("declineCode").asText()).isEqualTo("insufficient_funds");
  }

  @Test
  void a_3ds_card_is_pending_with_a_redirect() throws Exception {
    TestTenant tenant = TestTenant.signup(api);

    JsonNode pending = payOk(tenant, SimulatorCards.REQUIRES_REDIRECT, 700, ",\"returnUrl\":\"https://shop.example/back\"");

    assertThat(pending.path("status").asText()).isEqualTo("PENDING");
    assertThat(pending.path("nextAction").path("type").asText()).isEqualTo("REDIRECT");
    assertThat(pending.path("nextAction").path("value").asText()).startsWith("https://");
  }

  @Test
  void an_unknown_outcome_is_settled_by_reconciliation_on_read() throws Exception {
    TestTenant tenant = TestTenant.signup(api);

    JsonNode unknown = payOk(tenant, SimulatorCards.TIMEOUT_THEN_SUCCEEDS, 1200, "");
    assertThat(unknown.path("status").asText()).isEqualTo("UNKNOWN");

    Reply settled = api.getAs(tenant.apiKey(), "/api/v1/payments/" + unknown.path("paymentId").asText());
    assertThat(settled.status()).as(settled.toString()).isEqualTo(200);
    assertThat(settled.json().path("status").asText()).isEqualTo("CAPTURED");
    assertThat(settled.json().path("history").toString()).contains("UNKNOWN");
  }

  @Test
  void an_unknown_outcome_left_alone_is_settled_by_the_background_reconciliation() throws Exception {
    TestTenant tenant = TestTenant.signup(api);

    JsonNode unknown = payOk(tenant, SimulatorCards.TIMEOUT_THEN_FAILS, 1300, "");
    assertThat(unknown.path("status").asText()).isEqualTo("UNKNOWN");

    // Only the list is read: it never re-checks, so the change can come from the reconciliation job alone.
    String status = Eventually.until(java.time.Duration.ofSeconds(60), java.time.Duration.ofMillis(500),
        "the reconciliation job settles the payment",
        () -> api.getAs(tenant.apiKey(), "/api/v1/payments").json().path("items").get(0).path("status").asText(),
        s -> !s.equals("UNKNOWN"));
    assertThat(status).isEqualTo("DECLINED");
  }

  @Test
  void a_manual_payment_is_captured_then_partially_refunded() throws Exception {
    TestTenant tenant = TestTenant.signup(api);
    JsonNode authorized = payOk(tenant, SimulatorCards.SUCCESS, 5000, ",\"captureMode\":\"MANUAL\"");
    String id = authorized.path("paymentId").asText();
    assertThat(authorized.path("status").asText()).isEqualTo("AUTHORIZED");

    Reply captured = api.postJsonAs(tenant.apiKey(), "/api/v1/payments/" + id + "/capture", "{}", "Idempotency-Key", UUID.randomUUID().toString());
    Reply refunded = api.postJsonAs(tenant.apiKey(), "/api/v1/payments/" + id + "/refunds", "{\"amount\":1500}", "Idempotency-Key", UUID.randomUUID().toString());
    Reply tooMuch = api.postJsonAs(tenant.apiKey(), "/api/v1/payments/" + id + "/refunds", "{\"amount\":4000}", "Idempotency-Key", UUID.randomUUID().toString());

    assertThat(captured.status()).as(captured.toString()).isEqualTo(200);
    assertThat(captured.json().path("status").asText()).isEqualTo("CAPTURED");
    assertThat(refunded.status()).as(refunded.toString()).isEqualTo(201);
    assertThat(refunded.json().path("status").asText()).isEqualTo("PARTIALLY_REFUNDED");
    assertProblem(tooMuch, 409, "payment.refund_exceeds_captured");
    JsonNode payment = api.getAs(tenant.apiKey(), "/api/v1/payments/" + id).json();
    assertThat(payment.path("refunded").path("minorUnits").asLong()).isEqualTo(1500);
    assertThat(payment.path("refundable").path("minorUnits").asLong()).isEqualTo(3500);
    assertThat(payment.path("transactions")).hasSize(3);
  }

  @Test
  void a_manual_payment_can_be_voided_and_then_not_captured() throws Exception {
    TestTenant tenant = TestTenant.signup(api);
    String id = payOk(tenant, SimulatorCards.SUCCESS, 800, ",\"captureMode\":\"MANUAL\"").path("paymentId").asText();

    Reply voided = api.postJsonAs(tenant.apiKey(), "/api/v1/payments/" + id + "/void", "", "Idempotency-Key", UUID.randomUUID().toString());
    Reply capture = api.postJsonAs(tenant.apiKey(), "/api/v1/payments/" + id + "/capture", "{}", "Idempotency-Key", UUID.randomUUID().toString());

    assertThat(voided.json().path("status").asText()).as(voided.toString()).isEqualTo("VOIDED");
    assertProblem(capture, 409, "payment.illegal_transition");
  }

  @Test
  void lists_filter_by_status_and_page_with_a_cursor() throws Exception {
    TestTenant tenant = TestTenant.signup(api);
    for (int i = 0; i < 3; i++) {
      payOk(tenant, SimulatorCards.SUCCESS, 100 + i, "");
    }
    payOk(tenant, SimulatorCards.DECLINE_CARD_DECLINED, 100, "");

    Reply first = api.getAs(tenant.apiKey(), "/api/v1/payments?status=CAPTURED&gateway=simulator&limit=2");
    Reply second = api.getAs(tenant.apiKey(), "/api/v1/payments?status=CAPTURED&limit=2&cursor=" + first.json().path("nextCursor").asText());
    Reply declined = api.getAs(tenant.apiKey(), "/api/v1/payments?status=declined");
    Reply unknownStatus = api.getAs(tenant.apiKey(), "/api/v1/payments?status=LOST");

    assertThat(first.json().path("items")).as(first.toString()).hasSize(2);
    assertThat(second.json().path("items")).as(second.toString()).hasSize(1);
    assertThat(second.json().has("nextCursor")).isFalse();
    assertThat(declined.json().path("items")).hasSize(1);
    assertProblem(unknownStatus, 422, "validation_failed");
  }

  @Test
  void a_signed_simulator_webhook_settles_a_pending_payment_and_a_tampered_one_is_rejected() throws Exception {
    TestTenant tenant = TestTenant.signup(api);
    Reply stored = api.putJsonAs(tenant.apiKey(), "/api/v1/gateways/simulator/credentials", "{\"webhook_secret\":\"whsec_it_tenant\"}");
    assertThat(stored.status()).as(stored.toString()).isEqualTo(204);
    JsonNode pending = payOk(tenant, SimulatorCards.REQUIRES_REDIRECT, 4200, "");
    byte[] body = SimulatorWebhooks.eventBody(
        "evt_" + UUID.randomUUID(), WebhookEventType.PAYMENT_CAPTURED, pending.path("gatewayReference").asText(),
        Money.ofMinor(4200, "EUR"), Instant.now());
    SignedWebhook signed = SimulatorWebhooks.sign(body, "whsec_it_tenant", Instant.now());
    SignedWebhook withDefaultSecret = SimulatorWebhooks.sign(body, SimulatorGateway.DEFAULT_WEBHOOK_SECRET, Instant.now());
    String path = "/api/v1/webhooks/simulator/" + tenant.slug();

    Reply tampered = deliver(path, signed.bodyAsUtf8().replace("4200", "1"), signed);
    Reply wrongSecret = deliver(path, withDefaultSecret.bodyAsUtf8(), withDefaultSecret);
    Reply applied = deliver(path, signed.bodyAsUtf8(), signed);
    Reply duplicate = deliver(path, signed.bodyAsUtf8(), signed);
    Reply unknownTenant = deliver("/api/v1/webhooks/simulator/no-such-tenant", signed.bodyAsUtf8(), signed);

    assertProblem(tampered, 400, "webhook.signature_invalid");
    assertProblem(wrongSecret, 400, "webhook.signature_invalid");
    assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
    assertThat(applied.json().path("outcome").asText()).isEqualTo("APPLIED");
    assertThat(duplicate.json().path("outcome").asText()).isEqualTo("DUPLICATE");
    assertProblem(unknownTenant, 404, "tenant.not_found");
    Reply payment = api.getAs(tenant.apiKey(), "/api/v1/payments/" + pending.path("paymentId").asText());
    assertThat(payment.json().path("status").asText()).isEqualTo("CAPTURED");
    JsonNode gateways = api.getAs(tenant.apiKey(), "/api/v1/gateways").json();
    assertThat(gateways.toString()).contains("\"credentialNames\":[\"webhook_secret\"]").doesNotContain("whsec_it_tenant");
  }

  private static Reply deliver(String path, String body, SignedWebhook signed) throws Exception {
    HttpRequest.Builder request = Api.request(api.uri(path)).POST(BodyPublishers.ofString(body));
    signed.headers().forEach(request::header);
    return api.send(request.build());
  }

  @Test
  void refusals_have_exact_statuses_and_codes() throws Exception {
    TestTenant tenant = TestTenant.signup(api);
    TestTenant other = TestTenant.signup(api);
    String theirs = payOk(other, SimulatorCards.SUCCESS, 100, "").path("paymentId").asText();
    String viewer = tenant.userToken(api, "VIEWER");
    List<Reply> replies = new ArrayList<>();

    Reply noKey = api.postJsonAs(tenant.apiKey(), "/api/v1/payments", "{\"amount\":100,\"currency\":\"EUR\",\"paymentMethod\":\"x\"}");
    Reply badFields = api.postJsonAs(tenant.apiKey(), "/api/v1/payments", "{\"amount\":-5,\"currency\":\"XXY\"}", "Idempotency-Key", "k1");
    Reply wrongType = api.postJsonAs(tenant.apiKey(), "/api/v1/payments", "{\"amount\":\"lots\",\"currency\":\"EUR\"}", "Idempotency-Key", "k2");
    Reply unknownMode = pay(tenant, "k3", SimulatorCards.SUCCESS, 100, ",\"captureMode\":\"LATER\"");
    Reply malformed = api.postJsonAs(tenant.apiKey(), "/api/v1/payments", "{\"amount\":", "Idempotency-Key", "k4");
    Reply otherTenants = api.getAs(tenant.apiKey(), "/api/v1/payments/" + theirs);
    Reply otherTenantsRefund = api.postJsonAs(tenant.apiKey(), "/api/v1/payments/" + theirs + "/refunds", "{}", "Idempotency-Key", "k5");
    Reply notAnId = api.getAs(tenant.apiKey(), "/api/v1/payments/not-a-uuid");
    Reply viewerPays = pay(new TestTenant(tenant.slug(), tenant.tenantId(), viewer), "k6", SimulatorCards.SUCCESS, 100, "");
    Reply viewerCredentials = api.putJsonAs(viewer, "/api/v1/gateways/simulator/credentials", "{\"webhook_secret\":\"x\"}");
    Reply unknownGateway = api.putJsonAs(tenant.apiKey(), "/api/v1/gateways/nope/credentials", "{\"webhook_secret\":\"x\"}");
    Reply anonymous = api.get("/api/v1/payments");
    replies.addAll(List.of(noKey, badFields, wrongType, unknownMode, malformed, otherTenants, otherTenantsRefund, notAnId, viewerPays,
        viewerCredentials, unknownGateway, anonymous));

    assertProblem(noKey, 422, "idempotency.key_required");
    assertProblem(badFields, 422, "validation_failed");
    assertThat(badFields.body()).contains("\"amount\"").contains("\"currency\"").contains("\"paymentMethod\"");
    assertProblem(wrongType, 400, "invalid_field");
    assertProblem(unknownMode, 400, "invalid_field");
    assertProblem(malformed, 400, "malformed_json");
    assertProblem(otherTenants, 404, "payment.not_found");
    assertProblem(otherTenantsRefund, 404, "payment.not_found");
    assertProblem(notAnId, 404, "payment.not_found");
    assertProblem(viewerPays, 403, "forbidden");
    assertProblem(viewerCredentials, 403, "forbidden");
    assertProblem(unknownGateway, 404, "gateway.not_found");
    assertProblem(anonymous, 401, "unauthorized");
    assertThat(replies).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isLessThan(500));
  }
}
