package dev.bizo.agents.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bizo.agents.AgentMode;
import dev.bizo.agents.AgentRuntime;
import dev.bizo.agents.AgentTask;
import dev.bizo.agents.AgentsPersistence;
import dev.bizo.agents.crew.Crew;
import dev.bizo.agents.crew.CrewResult;
import dev.bizo.agents.spi.DayRange;
import dev.bizo.agents.spi.RunStore;
import dev.bizo.agents.testing.FixtureMarketingData;
import dev.bizo.core.TenantId;
import dev.bizo.core.config.BizoConfig;
import dev.bizo.tenancy.TenancyDatabase;
import dev.bizo.tenancy.testkit.TestTenancy;
import dev.bizo.testkit.MutableClock;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestDatabase;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The PostgreSQL run store passes the RunStore contract and appends a run-finished event exactly once. */
@RealServices
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresRunStoreIT extends RunStoreContract {

  private TenancyDatabase database;
  private final MutableClock clock = MutableClock.startingAtNewYear();

  @BeforeAll
  void startDatabase(TestDatabase db) {
    database = TestTenancy.start(db, AgentsPersistence.modules());
  }

  @AfterAll
  void stopDatabase() {
    long leaks = database.tenantLeaksOnRelease();
    database.close();
    assertThat(leaks).isZero();
  }

  @Override
  protected RunStore store() {
    return new PostgresRunStore(database.transactions(), clock);
  }

  @Override
  protected TenantId newTenant() {
    return TestTenancy.newTenant(database);
  }

  private List<JsonNode> finishedEvents(TenantId tenant) {
    return database.transactions().inTenantJdbc(tenant, c -> {
      List<JsonNode> payloads = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(
          "select payload::text from bizo_outbox where event_type = 'agent_run.finished' order by recorded_at")) {
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            try {
              payloads.add(new ObjectMapper().readTree(r.getString(1)));
            } catch (java.io.IOException e) {
              throw new IllegalStateException(e);
            }
          }
        }
      }
      return payloads;
    });
  }

  private static RunTrace trace(TenantId tenant, AgentRunId id, RunStatus status, Optional<RunFailure> failure) {
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    StepTrace step = new StepTrace(1, "seo-analyser", "audit the landing page", failure.isPresent()
        ? Optional.empty() : Optional.of("{\"score\":71}"), failure.isPresent() ? RunStatus.FAILED : RunStatus.SUCCEEDED,
        List.of(new ToolCallTrace("analyse_seo", "{\"html\":\"<h1>x</h1>\"}", "{\"words\":1}", true,
            Duration.ofMillis(12))), new TokenCount(120, 40), 2, start, Duration.ofMillis(1500), failure);
    return new RunTrace(id, tenant, "seo-analyser", AgentMode.MODEL, "gpt-4o-mini", status,
        status == RunStatus.RUNNING ? List.of() : List.of(step),
        status == RunStatus.RUNNING ? TokenCount.ZERO : new TokenCount(120, 40),
        new BigDecimal("0.000042"), start,
        status == RunStatus.RUNNING ? Optional.empty() : Optional.of(start.plusSeconds(2)), failure);
  }

  @Test
  void a_run_ending_appends_one_run_finished_event_with_its_figures() {
    RunStore store = store();
    TenantId tenant = newTenant();
    AgentRunId id = AgentRunId.generate();

    store.save(trace(tenant, id, RunStatus.RUNNING, Optional.empty()));
    assertThat(finishedEvents(tenant)).isEmpty();
    RunFailure failure = new RunFailure("agent.limit.tokens", "token budget of 100 exceeded");
    store.save(trace(tenant, id, RunStatus.FAILED, Optional.of(failure)));
    store.save(trace(tenant, id, RunStatus.FAILED, Optional.of(failure)));

    assertThat(finishedEvents(tenant)).singleElement().satisfies(event -> {
      assertThat(event.get("runId").asText()).isEqualTo(id.toString());
      assertThat(event.get("status").asText()).isEqualTo("FAILED");
      assertThat(event.get("failureCode").asText()).isEqualTo("agent.limit.tokens");
      assertThat(event.get("tokensIn").asLong()).isEqualTo(120);
      assertThat(event.get("tokensOut").asLong()).isEqualTo(40);
      assertThat(event.get("estimatedCost").decimalValue()).isEqualByComparingTo("0.000042");
    });
  }

  @Test
  void steps_tool_calls_tokens_cost_and_failure_round_trip() {
    RunStore store = store();
    TenantId tenant = newTenant();
    RunTrace saved = trace(tenant, AgentRunId.generate(), RunStatus.FAILED,
        Optional.of(new RunFailure("agent.output_invalid", "not JSON")));

    store.save(saved);

    assertThat(store.find(tenant, saved.id())).hasValueSatisfying(found -> assertThat(found)
        .usingRecursiveComparison().withComparatorForType(BigDecimal::compareTo, BigDecimal.class).isEqualTo(saved));
  }

  @Test
  void an_offline_crew_run_is_traced_in_the_database_and_announced_once() {
    TenantId tenant = newTenant();
    RunStore store = store();
    AgentRuntime runtime = AgentRuntime.builder(FixtureMarketingData.standard(tenant))
        .config(BizoConfig.of(Map.of()))
        .clock(clock)
        .runStore(store)
        .build();

    CrewResult result = runtime.run(tenant, Crew.campaign(),
        AgentTask.builder("Spring campaign", DayRange.month(2026, 1)).keywords("invoicing").build());

    RunTrace stored = store.find(tenant, result.trace().id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(stored.steps()).hasSameSizeAs(result.trace().steps()).hasSizeGreaterThanOrEqualTo(4);
    assertThat(stored.toolCalls()).hasSameSizeAs(result.trace().toolCalls()).isNotEmpty();
    assertThat(stored.tokens()).isEqualTo(result.trace().tokens());
    assertThat(stored.tokens().total()).isPositive();
    assertThat(finishedEvents(tenant)).singleElement()
        .satisfies(e -> assertThat(e.get("mode").asText()).isEqualTo("offline"));
  }
}
