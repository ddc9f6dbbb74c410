package dev.bizo.server.it;

import static dev.bizo.server.it.TestTenant.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.testkit.Eventually;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Leads, scores, lifecycle, paging, analytics and imports against the running server. */
@ExtendWith(RunningServer.Extension.class)
class CrmApiIT {

  private static Api api;

  @BeforeAll
  static void connect(RunningServer server) {
    api = new Api(server);
  }

  private static JsonNode createLead(String bearer, String json) throws Exception {
    Reply reply = api.postJsonAs(bearer, "/api/v1/leads", json);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.json();
  }

  @Test
  void signup_token_leads_with_scores_and_explanations_then_filter_page_and_analytics() throws Exception {
    TestTenant tenant = TestTenant.signup(api);
    String token = TestTenant.login(api, tenant.slug(), "owner@" + tenant.slug() + ".test");

    JsonNode hot = createLead(token, "{\"name\":\"Ada Lovelace\",\"email\":\"ada@analytical.example\",\"company\":\"Analytical Engines\","
        + "\"jobTitle\":\"CTO\",\"companySize\":250,\"source\":\"referral\",\"tags\":[\"vip\"]}");
    JsonNode cold = createLead(token, "{\"name\":\"Bob\",\"source\":\"COLD_OUTREACH\"}");
    for (int i = 0; i < 3; i++) {
      createLead(tenant.apiKey(), "{\"name\":\"Lead " + i + "\",\"email\":\"lead" + i + "@x.example\",\"source\":\"WEBSITE\"}");
    }

    assertThat(hot.path("score").asInt()).isBetween(0, 100).isGreaterThan(cold.path("score").asInt());
    assertThat(hot.path("explanation")).isNotEmpty();
    assertThat(hot.path("explanation").get(0).has("label")).isTrue();
    assertThat(hot.path("priority").asText()).isIn("HOT", "WARM", "COLD");
    assertThat(hot.path("email").asText()).isEqualTo("ada@analytical.example");

    Reply page1 = api.getAs(tenant.apiKey(), "/api/v1/leads?sort=-score&limit=2");
    Reply page2 = api.getAs(tenant.apiKey(), "/api/v1/leads?sort=-score&limit=2&cursor=" + page1.json().path("nextCursor").asText());
    Reply website = api.getAs(tenant.apiKey(), "/api/v1/leads?source=website&status=NEW");
    Reply minScore = api.getAs(tenant.apiKey(), "/api/v1/leads?minScore=" + hot.path("score").asInt());
    Reply text = api.getAs(tenant.apiKey(), "/api/v1/leads?q=Analytical");

    assertThat(page1.json().path("items")).as(page1.toString()).hasSize(2);
    assertThat(page1.json().path("items").get(0).path("score").asInt())
        .isGreaterThanOrEqualTo(page1.json().path("items").get(1).path("score").asInt());
    assertThat(page2.json().path("items")).hasSize(2);
    assertThat(website.json().path("items")).hasSize(3);
    assertThat(minScore.json().path("items").toString()).contains(hot.path("id").asText());
    assertThat(text.json().path("items")).as(text.toString()).hasSize(1);

    Reply bySource = api.getAs(tenant.apiKey(), "/api/v1/analytics/leads?groupBy=source");
    Reply byDay = api.getAs(tenant.apiKey(), "/api/v1/analytics/leads?groupBy=day");
    assertThat(bySource.status()).as(bySource.toString()).isEqualTo(200);
    assertThat(bySource.json().path("total").asLong()).isEqualTo(5);
    assertThat(bySource.json().path("buckets").toString()).contains("WEBSITE").contains("REFERRAL");
    assertThat(byDay.json().path("total").asLong()).as(byDay.toString()).isEqualTo(5);
  }

  @Test
  void an_activity_is_recorded_and_the_score_endpoint_explains_with_history() throws Exception {
    TestTenant tenant = TestTenant.signup(api);
    JsonNode lead = createLead(tenant.apiKey(), "{\"name\":\"Grace\",\"email\":\"grace@navy.example\",\"source\":\"WEBSITE\"}");
    String id = lead.path("id").asText();

    Reply meeting = api.postJsonAs(tenant.apiKey(), "/api/v1/leads/" + id + "/activities", "{\"type\":\"MEETING\",\"detail\":\"demo\"}");
    Reply score = api.getAs(tenant.apiKey(), "/api/v1/leads/" + id + "/score");
    Reply activities = api.getAs(tenant.apiKey(), "/api/v1/leads/" + id + "/activities");

    assertThat(meeting.status()).as(meeting.toString()).isEqualTo(201);
    // The default rules score fit and source only; the activity is recorded and the lead rescored all the same.
    assertThat(meeting.json().path("score").asInt()).isEqualTo(lead.path("score").asInt());
    assertThat(score.json().path("score").asInt()).isEqualTo(meeting.json().path("score").asInt());
    assertThat(score.json().path("explanation")).isNotEmpty();
    assertThat(score.json().path("topPositive")).isNotEmpty();
    assertThat(score.json().path("history").size()).as(score.toString()).isGreaterThanOrEqualTo(1);
    assertThat(score.json().path("history").get(0).path("newScore").asInt()).isEqualTo(lead.path("score").asInt());
    assertThat(activities.json()).hasSize(1);
  }

  @Test
  void status_moves_follow_the_lifecycle_and_patch_and_delete_work() throws Exception {
    TestTenant tenant = TestTenant.signup(api);
    String id = createLead(tenant.apiKey(), "{\"name\":\"Linus\",\"source\":\"EVENT\"}").path("id").asText();

    Reply contacted = api.postJsonAs(tenant.apiKey(), "/api/v1/leads/" + id + "/status", "{\"status\":\"CONTACTED\"}");
    Reply illegal = api.postJsonAs(tenant.apiKey(), "/api/v1/leads/" + id + "/status", "{\"status\":\"NEW\"}");
    Reply patched = api.patchJsonAs(tenant.apiKey(), "/api/v1/leads/" + id, "{\"company\":\"Kernel Ltd\",\"companySize\":40}");
    Reply history = api.getAs(tenant.apiKey(), "/api/v1/leads/" + id + "/status");
    Reply deleted = api.deleteAs(tenant.apiKey(), "/api/v1/leads/" + id);
    Reply gone = api.getAs(tenant.apiKey(), "/api/v1/leads/" + id);

    assertThat(contacted.json().path("status").asText()).as(contacted.toString()).isEqualTo("CONTACTED");
    assertProblem(illegal, 409, "lead.illegal_transition");
    assertThat(patched.json().path("company").asText()).as(patched.toString()).isEqualTo("Kernel Ltd");
    assertThat(patched.json().path("name").asText()).isEqualTo("Linus");
    assertThat(history.json().toString()).contains("CONTACTED");
    assertThat(deleted.status()).isEqualTo(204);
    assertProblem(gone, 404, "lead.not_found");
  }

  @Test
  void a_csv_import_runs_as_a_job_with_progress_and_row_errors() throws Exception {
    TestTenant tenant = TestTenant.signup(api);
    StringBuilder csv = new StringBuilder("name,email,source,company\n");
    for (int i = 0; i < 40; i++) {
      csv.append("Person ").append(i).append(",p").append(i).append("@import.example,website,Co ").append(i).append('\n');
    }
    csv.append("Broken,not-an-email,website,X\n");

    Reply accepted = api.send(Api.request(api.uri("/api/v1/leads/import"))
        .header("Authorization", "Bearer " + tenant.apiKey())
        .header("Content-Type", "text/csv")
        .POST(BodyPublishers.ofString(csv.toString()))
        .build());
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
    String job = accepted.json().path("id").asText();

    JsonNode done = awaitImportEnd(tenant, job);
    assertThat(done.path("state").asText()).as(String.valueOf(done)).isEqualTo("COMPLETED");
    assertThat(done.path("imported").asLong()).isEqualTo(40);
    assertThat(done.path("rejected").asLong()).isEqualTo(1);
    assertThat(done.path("processed").asLong()).isEqualTo(41);
    assertThat(done.path("errors").toString()).contains("email");
    assertThat(api.getAs(tenant.apiKey(), "/api/v1/leads?source=WEBSITE&limit=100").json().path("items")).hasSize(40);
    TestTenant other = TestTenant.signup(api);
    assertProblem(api.getAs(other.apiKey(), "/api/v1/imports/" + job), 404, "import.not_found");
  }

  @Test
  void an_import_larger_than_the_json_body_limit_is_streamed_in() throws Exception {
    TestTenant tenant = TestTenant.signup(api);
    // 11 MiB: past the 1 MiB API limit and the servlet container's default 10 MB; blank lines are skipped.
    String csv = "name,email,source\nFirst,first@big.example,event\n" + "\n".repeat(11 * 1024 * 1024)
        + "Last,last@big.example,event\n";

    Reply accepted = api.send(Api.request(api.uri("/api/v1/leads/import"))
        .header("Authorization", "Bearer " + tenant.apiKey())
        .header("Content-Type", "text/csv")
        .POST(BodyPublishers.ofString(csv))
        .build());

    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
    String job = accepted.json().path("id").asText();
    JsonNode done = awaitImportEnd(tenant, job);
    assertThat(done.path("state").asText()).as(String.valueOf(done)).isEqualTo("COMPLETED");
    assertThat(done.path("imported").asLong()).isEqualTo(2);
    assertThat(api.getAs(tenant.apiKey(), "/api/v1/leads?source=EVENT").json().path("items")).hasSize(2);
  }

  /** The import job once COMPLETED or FAILED, waiting up to 60 s. */
  private static JsonNode awaitImportEnd(TestTenant tenant, String job) throws Exception {
    return Eventually.until(Duration.ofSeconds(60), Duration.ofMillis(200), "import " + job + " ends",
        () -> api.getAs(tenant.apiKey(), "/api/v1/imports/" + job).json(),
        state -> state.path("state").asText().equals("COMPLETED") || state.path("state").asText().equals("FAILED"));
  }

  @Test
  void refusals_have_exact_statuses_and_codes() throws Exception {
    TestTenant tenant = TestTenant.signup(api);
    TestTenant other = TestTenant.signup(api);
    String theirs = createLead(other.apiKey(), "{\"name\":\"Theirs\",\"source\":\"EVENT\"}").path("id").asText();
    createLead(tenant.apiKey(), "{\"name\":\"Dup\",\"email\":\"dup@x.example\",\"source\":\"EVENT\"}");
    String viewer = tenant.userToken(api, "VIEWER");
    List<Reply> replies = new ArrayList<>();

    Reply duplicate = api.postJsonAs(tenant.apiKey(), "/api/v1/leads", "{\"name\":\"Dup 2\",\"email\":\"DUP@x.example\",\"source\":\"EVENT\"}");
    Reply noName = api.postJsonAs(tenant.apiKey(), "/api/v1/leads", "{\"email\":\"x@y.example\"}");
    Reply unknownSource = api.postJsonAs(tenant.apiKey(), "/api/v1/leads", "{\"name\":\"A\",\"source\":\"CARRIER_PIGEON\"}");
    Reply wrongType = api.postJsonAs(tenant.apiKey(), "/api/v1/leads", "{\"name\":\"A\",\"companySize\":\"huge\"}");
    Reply malformed = api.postJsonAs(tenant.apiKey(), "/api/v1/leads", "{\"name\":");
    Reply unknownStatusFilter = api.getAs(tenant.apiKey(), "/api/v1/leads?status=MAYBE");
    Reply unknownGroup = api.getAs(tenant.apiKey(), "/api/v1/analytics/leads?groupBy=weather");
    Reply otherTenants = api.getAs(tenant.apiKey(), "/api/v1/leads/" + theirs);
    Reply otherTenantsPatch = api.patchJsonAs(tenant.apiKey(), "/api/v1/leads/" + theirs, "{\"name\":\"mine now\"}");
    Reply otherTenantsDelete = api.deleteAs(tenant.apiKey(), "/api/v1/leads/" + theirs);
    Reply randomId = api.getAs(tenant.apiKey(), "/api/v1/leads/" + UUID.randomUUID());
    Reply viewerCreates = api.postJsonAs(viewer, "/api/v1/leads", "{\"name\":\"V\",\"source\":\"EVENT\"}");
    Reply viewerReads = api.getAs(viewer, "/api/v1/leads");
    Reply anonymous = api.get("/api/v1/leads");
    replies.addAll(List.of(duplicate, noName, unknownSource, wrongType, malformed, unknownStatusFilter, unknownGroup, otherTenants,
        otherTenantsPatch, otherTenantsDelete, randomId, viewerCreates, viewerReads, anonymous));

    assertProblem(duplicate, 409, "lead.duplicate_email");
    assertProblem(noName, 422, "validation_failed");
    assertProblem(unknownSource, 422, "validation_failed");
    assertThat(unknownSource.body()).contains("\"source\"");
    assertProblem(wrongType, 400, "invalid_field");
    assertProblem(malformed, 400, "malformed_json");
    assertProblem(unknownStatusFilter, 422, "validation_failed");
    assertProblem(unknownGroup, 422, "validation_failed");
    assertProblem(otherTenants, 404, "lead.not_found");
    assertProblem(otherTenantsPatch, 404, "lead.not_found");
    assertProblem(otherTenantsDelete, 404, "lead.not_found");
    assertProblem(randomId, 404, "lead.not_found");
    assertProblem(viewerCreates, 403, "forbidden");
    assertThat(viewerReads.status()).isEqualTo(200);
    assertProblem(anonymous, 401, "unauthorized");
    assertThat(replies).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isLessThan(500));
    JsonNode stillTheirs = api.getAs(other.apiKey(), "/api/v1/leads/" + theirs).json();
    assertThat(stillTheirs.path("name").asText()).isEqualTo("Theirs");
  }
}
