package dev.bizo.server.it;

import static dev.bizo.server.it.TestTenant.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Agents and crews in offline mode (no LLM configured) over the tenant's own leads, with their traces. */
@ExtendWith(RunningServer.Extension.class)
class AgentsApiIT {

  private static Api api;

  @BeforeAll
  static void connect(RunningServer server) {
    api = new Api(server);
  }

  @Test
  void lists_the_five_agents() throws Exception {
    TestTenant tenant = TestTenant.signup(api);

    Reply agents = api.getAs(tenant.apiKey(), "/api/v1/agents");

    assertThat(agents.status()).as(agents.toString()).isEqualTo(200);
    assertThat(agents.json()).hasSize(5);
    assertThat(agents.body()).contains("\"strategist\"").contains("\"lead-scorer\"").contains("\"report-generator\"");
  }

  @Test
  void an_offline_agent_run_ranks_the_tenants_leads_and_its_trace_is_kept() throws Exception {
    TestTenant tenant = TestTenant.signup(api);
    api.postJsonAs(tenant.apiKey(), "/api/v1/leads", "{\"name\":\"Ada\",\"company\":\"Engines\",\"jobTitle\":\"CEO\",\"source\":\"REFERRAL\"}");
    api.postJsonAs(tenant.apiKey(), "/api/v1/leads", "{\"name\":\"Bob\",\"source\":\"COLD_OUTREACH\"}");

    Reply run = api.postJsonAs(tenant.apiKey(), "/api/v1/agents/lead-scorer/runs", "{\"instruction\":\"Who should sales call first?\"}");

    assertThat(run.status()).as(run.toString()).isEqualTo(201);
    JsonNode trace = run.json().path("run");
    assertThat(trace.path("mode").asText()).isEqualTo("offline");
    assertThat(trace.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(trace.path("steps")).isNotEmpty();
    assertThat(run.json().path("output").toString()).contains("Ada");
    Reply stored = api.getAs(tenant.apiKey(), "/api/v1/agent-runs/" + trace.path("id").asText());
    assertThat(stored.json().path("status").asText()).as(stored.toString()).isEqualTo("SUCCEEDED");
    assertThat(stored.json().path("steps").get(0).has("inputTokens")).isTrue();
    Reply succeeded = api.getAs(tenant.apiKey(), "/api/v1/agent-runs?status=SUCCEEDED");
    Reply failed = api.getAs(tenant.apiKey(), "/api/v1/agent-runs?status=failed");
    assertThat(succeeded.json().path("items")).hasSize(1);
    assertThat(failed.json().path("items")).isEmpty();
    TestTenant other = TestTenant.signup(api);
    assertProblem(api.getAs(other.apiKey(), "/api/v1/agent-runs/" + trace.path("id").asText()), 404, "agent_run.not_found");
  }

  @Test
  void an_offline_crew_run_has_every_agents_output() throws Exception {
    TestTenant tenant = TestTenant.signup(api);

    Reply run = api.postJsonAs(tenant.apiKey(), "/api/v1/crews/campaign/runs",
        "{\"instruction\":\"Plan a spring campaign\",\"keywords\":[\"analytics\",\"crm\"]}");

    assertThat(run.status()).as(run.toString()).isEqualTo(201);
    assertThat(run.json().path("run").path("status").asText()).as(run.toString()).isEqualTo("SUCCEEDED");
    assertThat(run.json().path("run").path("steps").size()).isGreaterThanOrEqualTo(2);
    assertThat(run.json().path("output").path("strategist").isObject()).as(run.toString()).isTrue();
  }

  @Test
  void brand_notes_are_found_by_meaning_within_the_tenant_only() throws Exception {
    TestTenant tenant = TestTenant.signup(api);
    TestTenant other = TestTenant.signup(api);
    // the embedding model loads after ready; a note added before waits for it, longer than this client's timeout
    api.awaitSearchModel();
    Reply price = api.postJsonAs(tenant.apiKey(), "/api/v1/brand-notes",
        "{\"text\":\"On price we say 'fair and transparent pricing', never 'cheap'.\"}");
    api.postJsonAs(tenant.apiKey(), "/api/v1/brand-notes", "{\"text\":\"Our mascot is a friendly otter called Ollie.\"}");

    assertThat(price.status()).as(price.toString()).isEqualTo(201);
    Reply found = api.getAs(tenant.apiKey(), "/api/v1/brand-notes/search?q=how%20do%20we%20talk%20about%20cost&limit=1");
    assertThat(found.status()).as(found.toString()).isEqualTo(200);
    assertThat(found.json().get(0).path("text").asText()).contains("pricing");
    assertThat(api.getAs(tenant.apiKey(), "/api/v1/brand-notes").json()).hasSize(2);
    assertThat(api.getAs(other.apiKey(), "/api/v1/brand-notes").json()).isEmpty();
    assertThat(api.getAs(other.apiKey(), "/api/v1/brand-notes/search?q=pricing").json()).isEmpty();
    String id = price.json().path("id").asText();
    assertProblem(api.deleteAs(other.apiKey(), "/api/v1/brand-notes/" + id), 404, "brand_note.not_found");
    assertThat(api.deleteAs(tenant.apiKey(), "/api/v1/brand-notes/" + id).status()).isEqualTo(204);
    assertThat(api.getAs(tenant.apiKey(), "/api/v1/brand-notes").json()).hasSize(1);
    assertProblem(api.postJsonAs(tenant.apiKey(), "/api/v1/brand-notes", "{}"), 422, "validation_failed");
  }

  @Test
  void refusals_have_exact_statuses_and_codes() throws Exception {
    TestTenant tenant = TestTenant.signup(api);
    String viewer = tenant.userToken(api, "VIEWER");

    assertProblem(api.postJsonAs(tenant.apiKey(), "/api/v1/agents/astrologer/runs", "{\"instruction\":\"x\"}"), 404, "agent.not_found");
    assertProblem(api.postJsonAs(tenant.apiKey(), "/api/v1/crews/band/runs", "{\"instruction\":\"x\"}"), 404, "crew.not_found");
    assertProblem(api.postJsonAs(tenant.apiKey(), "/api/v1/agents/strategist/runs", "{}"), 422, "validation_failed");
    assertProblem(api.postJsonAs(tenant.apiKey(), "/api/v1/agents/strategist/runs", "{\"instruction\":\"x\",\"from\":\"yesterday\"}"),
        422, "validation_failed");
    assertProblem(api.postJsonAs(viewer, "/api/v1/agents/strategist/runs", "{\"instruction\":\"x\"}"), 403, "forbidden");
    assertProblem(api.getAs(tenant.apiKey(), "/api/v1/agent-runs?status=SLEEPING"), 422, "validation_failed");
    assertProblem(api.getAs(tenant.apiKey(), "/api/v1/agent-runs/not-an-id"), 404, "agent_run.not_found");
  }
}
