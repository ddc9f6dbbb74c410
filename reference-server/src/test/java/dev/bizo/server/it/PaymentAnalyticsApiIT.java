package dev.bizo.server.it;

import static dev.bizo.server.it.TestTenant.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bizo.payments.simulator.SimulatorCards;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code GET /api/v1/analytics/payments} on the running server: per currency, never converted, the tenant's own. */
@ExtendWith(RunningServer.Extension.class)
class PaymentAnalyticsApiIT {

  private static Api api;

  @BeforeAll
  static void connect(RunningServer server) {
    api = new Api(server);
  }

  private static void pay(TestTenant tenant, long amount, String currency, String card) throws Exception {
    Reply reply = api.postJsonAs(tenant.apiKey(), "/api/v1/payments",
        "{\"amount\":" + amount + ",\"currency\":\"" + currency + "\",\"paymentMethod\":\"" + card + "\"}",
        "Idempotency-Key", UUID.randomUUID().toString());
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
  }

  @Test
  void answers_per_currency_grouped_by_status_without_dropping_a_currency() throws Exception {
    TestTenant tenant = TestTenant.signup(api);
    TestTenant other = TestTenant.signup(api);
    pay(tenant, 2500, "EUR", SimulatorCards.SUCCESS);
    pay(tenant, 1200, "EUR", SimulatorCards.DECLINE_INSUFFICIENT_FUNDS);
    pay(tenant, 1000, "USD", SimulatorCards.SUCCESS);
    pay(other, 99900, "EUR", SimulatorCards.SUCCESS);

    Reply reply = api.getAs(tenant.apiKey(), "/api/v1/analytics/payments?groupBy=status");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    JsonNode currencies = reply.json().path("currencies");
    assertThat(currencies).as(reply.toString()).hasSize(2);
    JsonNode eur = currencies.get(0);
    assertThat(eur.path("currency").asText()).isEqualTo("EUR");
    assertThat(eur.path("total").path("payments").asLong()).isEqualTo(2);
    assertThat(eur.path("total").path("amount").path("minorUnits").asLong()).isEqualTo(3700);
    assertThat(eur.path("total").path("captured").path("minorUnits").asLong()).isEqualTo(2500);
    assertThat(eur.path("total").path("net").path("amount").asText()).isEqualTo("25.00");
    List<String> keys = new ArrayList<>();
    eur.path("groups").forEach(g -> keys.add(g.path("key").asText()));
    assertThat(keys).containsExactly("CAPTURED", "DECLINED");
    JsonNode usd = currencies.get(1);
    assertThat(usd.path("currency").asText()).isEqualTo("USD");
    assertThat(usd.path("total").path("captured").path("currency").asText()).isEqualTo("USD");
    assertThat(usd.path("total").path("captured").path("minorUnits").asLong()).isEqualTo(1000);
  }

  @Test
  void groups_by_day_in_the_zone_asked_for() throws Exception {
    TestTenant tenant = TestTenant.signup(api);
    pay(tenant, 700, "JPY", SimulatorCards.SUCCESS);

    Reply reply = api.getAs(tenant.apiKey(), "/api/v1/analytics/payments?groupBy=day&zone=Asia/Tokyo");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.json().path("zone").asText()).isEqualTo("Asia/Tokyo");
    JsonNode jpy = reply.json().path("currencies").get(0);
    assertThat(jpy.path("groups").get(0).path("key").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
    assertThat(jpy.path("total").path("captured").path("amount").asText()).isEqualTo("700");
  }

  @Test
  void refuses_an_unknown_grouping_zone_or_an_empty_period_with_problems() throws Exception {
    TestTenant tenant = TestTenant.signup(api);

    Reply grouping = api.getAs(tenant.apiKey(), "/api/v1/analytics/payments?groupBy=planet");
    Reply zone = api.getAs(tenant.apiKey(), "/api/v1/analytics/payments?zone=Mars/Olympus");
    Reply empty = api.getAs(tenant.apiKey(), "/api/v1/analytics/payments?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z");

    for (Reply r : List.of(grouping, zone, empty)) {
      assertProblem(r, 422, "validation_failed");
    }
    assertThat(grouping.json().path("errors").get(0).path("field").asText()).isEqualTo("groupBy");
    assertThat(zone.json().path("errors").get(0).path("code").asText()).isEqualTo("zone.unknown");
    assertThat(empty.json().path("errors").get(0).path("code").asText()).isEqualTo("period.empty");
  }

  @Test
  void needs_a_credential() throws Exception {
    assertProblem(api.get("/api/v1/analytics/payments"), 401, "unauthorized");
  }
}
