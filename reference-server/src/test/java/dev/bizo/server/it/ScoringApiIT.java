package dev.bizo.server.it;

import static dev.bizo.server.it.TestTenant.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.testkit.Eventually;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Per-tenant scoring rules with background rescoring, model training as a job, and semantic lead search. */
@ExtendWith(RunningServer.Extension.class)
class ScoringApiIT {

  private static final String RULES = "{\"base\":10,\"groups\":["
      + "{\"name\":\"fit\",\"cap\":40,\"fit\":[{\"label\":\"Has a company\",\"field\":\"COMPANY\",\"operator\":\"PRESENT\",\"points\":20}]},"
      + "{\"name\":\"engagement\",\"cap\":30,\"engagement\":[{\"label\":\"Meetings\",\"activity\":\"MEETING\",\"points\":15,\"halfLifeDays\":30}]}]}";

  private static Api api;

  @BeforeAll
  static void connect(RunningServer server) {
    api = new Api(server);
  }

  @Test
  void new_rules_rescore_existing_leads_in_the_background_and_score_activities() throws Exception {
    TestTenant tenant = TestTenant.signup(api);
    JsonNode lead = api.postJsonAs(tenant.apiKey(), "/api/v1/leads", "{\"name\":\"Ruled\",\"company\":\"Co\",\"source\":\"WEBSITE\"}").json();
    String defaults = api.getAs(tenant.apiKey(), "/api/v1/scoring/rules").body();

    Reply put = api.putJsonAs(tenant.apiKey(), "/api/v1/scoring/rules", RULES);

    assertThat(defaults).contains("\"groups\"");
    assertThat(put.status()).as(put.toString()).isEqualTo(200);
    assertThat(api.getAs(tenant.apiKey(), "/api/v1/scoring/rules").body()).contains("Meetings");
    // base 10 + company 20 once the rescoring job has run
    int score = Eventually.until(Duration.ofSeconds(60), Duration.ofMillis(500),
        "the rescoring job scores the lead 30",
        () -> api.getAs(tenant.apiKey(), "/api/v1/leads/" + lead.path("id").asText()).json().path("score").asInt(),
        s -> s == 30);
    assertThat(score).isEqualTo(30);
    Reply meeting = api.postJsonAs(tenant.apiKey(), "/api/v1/leads/" + lead.path("id").asText() + "/activities", "{\"type\":\"MEETING\"}");
    assertThat(meeting.json().path("score").asInt()).as(meeting.toString()).isGreaterThan(30);
    assertThat(meeting.json().path("explanation").toString()).contains("Meetings");
  }

  @Test
  void training_runs_as_a_job_and_is_refused_with_too_few_closed_leads() throws Exception {
    TestTenant tenant = TestTenant.signup(api);

    Reply queued = api.postJsonAs(tenant.apiKey(), "/api/v1/scoring/models", "");

    assertThat(queued.status()).as(queued.toString()).isEqualTo(202);
    JsonNode models = Eventually.until(Duration.ofSeconds(60), Duration.ofMillis(500), "the training job records its model",
        () -> api.getAs(tenant.apiKey(), "/api/v1/scoring/models").json(), m -> m.size() > 0);
    assertThat(models).as(String.valueOf(models)).hasSize(1);
    assertThat(models.get(0).path("status").asText()).isEqualTo("FAILED");
    assertThat(models.get(0).path("failure").asText()).isNotBlank();
    assertProblem(api.postJsonAs(tenant.apiKey(), "/api/v1/scoring/models/1/activate", ""), 404, "scoring_model.not_found");
  }

  @Test
  void semantic_search_finds_a_lead_by_meaning_once_indexed() throws Exception {
    TestTenant tenant = TestTenant.signup(api);
    api.postJsonAs(tenant.apiKey(), "/api/v1/leads",
        "{\"name\":\"Dr. Vet\",\"company\":\"Happy Paws Veterinary Clinic\",\"industry\":\"animal health\",\"source\":\"EVENT\"}");
    api.postJsonAs(tenant.apiKey(), "/api/v1/leads",
        "{\"name\":\"Steel Co\",\"company\":\"Rolling Mills Ltd\",\"industry\":\"steel manufacturing\",\"source\":\"EVENT\"}");

    // indexing runs every second here; the search model may still be loading (it loads after ready)
    JsonNode hits = Eventually.until(Duration.ofSeconds(180), Duration.ofMillis(500), "both leads are indexed",
        () -> api.getAs(tenant.apiKey(), "/api/v1/leads/search?q=pet%20doctor%20for%20dogs%20and%20cats&k=2").json(),
        h -> h.size() == 2);
    assertThat(hits).as(String.valueOf(hits)).hasSize(2);
    assertThat(hits.get(0).path("lead").path("name").asText()).isEqualTo("Dr. Vet");
    assertThat(hits.get(0).path("similarity").asDouble()).isGreaterThan(hits.get(1).path("similarity").asDouble());
    assertProblem(api.getAs(tenant.apiKey(), "/api/v1/leads/search?k=3"), 422, "validation_failed");
    JsonNode byAlias = api.getAs(tenant.apiKey(), "/api/v1/leads/search?text=pet%20doctor%20for%20dogs%20and%20cats&k=2")
        .json();
    assertThat(byAlias.get(0).path("lead").path("name").asText()).isEqualTo("Dr. Vet");
    assertProblem(api.getAs(tenant.apiKey(), "/api/v1/leads/search?q=vets&text=steel"), 422, "validation_failed");
  }

  @Test
  void refusals_have_exact_statuses_and_codes() throws Exception {
    TestTenant tenant = TestTenant.signup(api);
    String viewer = tenant.userToken(api, "VIEWER");

    assertProblem(api.putJsonAs(tenant.apiKey(), "/api/v1/scoring/rules", "{\"base\":10,\"groups\":[{\"name\":\"fit\",\"fit\":[{\"field\":\"COMPANY\",\"operator\":\"SMELLS\",\"points\":1}]}]}"),
        422, "validation_failed");
    assertProblem(api.putJsonAs(viewer, "/api/v1/scoring/rules", RULES), 403, "forbidden");
    assertProblem(api.postJsonAs(viewer, "/api/v1/scoring/models", ""), 403, "forbidden");
    assertThat(api.getAs(viewer, "/api/v1/scoring/rules").status()).isEqualTo(200);
  }
}
