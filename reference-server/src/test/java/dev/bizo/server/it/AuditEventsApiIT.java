package dev.bizo.server.it;

import static dev.bizo.server.it.TestTenant.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** GET /api/v1/audit-events against the running server: cursor pages, filters, the tenant's own entries only. */
@ExtendWith(RunningServer.Extension.class)
class AuditEventsApiIT {

  private static Api api;

  @BeforeAll
  static void connect(RunningServer server) {
    api = new Api(server);
  }

  /** The {@code items} of a 200 page of audit events. */
  static List<JsonNode> items(Reply reply) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    List<JsonNode> items = new ArrayList<>();
    reply.json().path("items").forEach(items::add);
    return items;
  }

  @Test
  void the_log_holds_the_signup_and_the_logins_newest_first_and_pages_through_it_with_a_cursor() throws Exception {
    TestTenant tenant = TestTenant.signup(api);
    TestTenant.login(api, tenant.slug(), "owner@" + tenant.slug() + ".test");

    List<JsonNode> all = items(api.getAs(tenant.apiKey(), "/api/v1/audit-events?limit=1000"));
    assertThat(all).extracting(e -> e.path("action").asText()).contains("tenant.signed_up");
    assertThat(all.size()).isGreaterThanOrEqualTo(3);
    List<Instant> times = all.stream().map(e -> Instant.parse(e.path("occurredAt").asText())).toList();
    assertThat(times).isSortedAccordingTo((a, b) -> b.compareTo(a));

    List<JsonNode> walked = new ArrayList<>();
    String cursor = null;
    do {
      Reply page = api.getAs(tenant.apiKey(), "/api/v1/audit-events?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
      List<JsonNode> items = items(page);
      assertThat(items.size()).isLessThanOrEqualTo(2);
      walked.addAll(items);
      cursor = page.json().hasNonNull("nextCursor") ? page.json().path("nextCursor").asText() : null;
    } while (cursor != null && walked.size() < all.size() + 10);
    // entries appended while walking (the API key's use is audited too) come before the first page, never inside it
    Set<String> walkedIds = new HashSet<>();
    walked.forEach(e -> assertThat(walkedIds.add(e.path("id").asText())).as("no entry twice").isTrue());
    assertThat(walkedIds).containsAll(all.stream().map(e -> e.path("id").asText()).toList());
  }

  @Test
  void filters_by_action_actor_and_time() throws Exception {
    TestTenant tenant = TestTenant.signup(api);
    List<JsonNode> signups = items(api.getAs(tenant.apiKey(), "/api/v1/audit-events?action=tenant.signed_up"));
    assertThat(signups).hasSize(1);
    JsonNode signup = signups.get(0);
    assertThat(signup.path("target").asText()).isEqualTo(tenant.tenantId());

    String actor = signup.path("actor").asText();
    assertThat(items(api.getAs(tenant.apiKey(), "/api/v1/audit-events?actor=" + actor)))
        .isNotEmpty().allSatisfy(e -> assertThat(e.path("actor").asText()).isEqualTo(actor));

    Instant at = Instant.parse(signup.path("occurredAt").asText());
    String window = "&from=" + enc(at.toString()) + "&to=" + enc(at.plusNanos(1000).toString());
    assertThat(items(api.getAs(tenant.apiKey(), "/api/v1/audit-events?action=tenant.signed_up" + window))).hasSize(1);
    assertThat(items(api.getAs(tenant.apiKey(), "/api/v1/audit-events?to=" + enc(at.toString()) + "&action=tenant.signed_up"))).isEmpty();
  }

  @Test
  void another_tenants_entries_never_appear() throws Exception {
    TestTenant mine = TestTenant.signup(api);
    TestTenant theirs = TestTenant.signup(api);

    List<JsonNode> seen = items(api.getAs(mine.apiKey(), "/api/v1/audit-events?limit=1000"));
    assertThat(seen).noneSatisfy(e -> assertThat(e.path("target").asText()).isEqualTo(theirs.tenantId()));
    assertThat(items(api.getAs(theirs.apiKey(), "/api/v1/audit-events?action=tenant.signed_up")))
        .singleElement().satisfies(e -> assertThat(e.path("target").asText()).isEqualTo(theirs.tenantId()));
  }

  @Test
  void refuses_callers_without_audit_read_and_malformed_parameters() throws Exception {
    TestTenant tenant = TestTenant.signup(api);
    String member = tenant.userToken(api, "MEMBER");

    assertProblem(api.getAs(member, "/api/v1/audit-events"), 403, "forbidden");
    assertProblem(api.get("/api/v1/audit-events"), 401, "unauthorized");
    assertProblem(api.getAs(tenant.apiKey(), "/api/v1/audit-events?limit=abc"), 422, "validation_failed");
    assertProblem(api.getAs(tenant.apiKey(), "/api/v1/audit-events?limit=0"), 422, "validation_failed");
    assertProblem(api.getAs(tenant.apiKey(), "/api/v1/audit-events?from=yesterday"), 422, "validation_failed");
    assertProblem(api.getAs(tenant.apiKey(), "/api/v1/audit-events?from=2026-02-01&to=2026-01-01"), 422, "validation_failed");
    Reply garbage = api.getAs(tenant.apiKey(), "/api/v1/audit-events?cursor=garbage");
    assertThat(garbage.status()).as(garbage.toString()).isBetween(400, 422);
    assertThat(garbage.contentType()).startsWith("application/problem+json");
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
