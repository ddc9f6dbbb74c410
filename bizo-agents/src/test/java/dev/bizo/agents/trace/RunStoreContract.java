package dev.bizo.agents.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.agents.AgentMode;
import dev.bizo.agents.spi.RunStore;
import dev.bizo.core.TenantId;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Contract every {@link RunStore} passes; implementations extend it and supply a fresh store. */
public abstract class RunStoreContract {

  /** A fresh, empty store. */
  protected abstract RunStore store();

  /**
   * A tenant the store may hold runs for. Stores backed by the tenancy database override this to sign up a
   * real tenant; the default makes up an id.
   *
   * @return a new tenant
   */
  protected TenantId newTenant() {
    return TenantId.generate();
  }

  private static RunTrace trace(TenantId tenant, AgentRunId id, Instant start, RunStatus status, int steps) {
    List<StepTrace> stepList = new java.util.ArrayList<>();
    for (int i = 1; i <= steps; i++) {
      stepList.add(new StepTrace(i, "strategist", "plan", Optional.of("{}"), RunStatus.SUCCEEDED,
          List.of(new ToolCallTrace("lead_analytics", "{}", "{\"newLeads\":4}", true, Duration.ofMillis(3))),
          new TokenCount(10, 5), 1, start, Duration.ofSeconds(1), Optional.empty()));
    }
    return new RunTrace(id, tenant, "campaign", AgentMode.OFFLINE, "offline", status, stepList,
        new TokenCount(10L * steps, 5L * steps), BigDecimal.ZERO, start,
        status == RunStatus.RUNNING ? Optional.empty() : Optional.of(start.plusSeconds(steps)), Optional.empty());
  }

  @Test
  void saving_again_replaces_the_partial_trace() {
    RunStore store = store();
    TenantId tenant = newTenant();
    AgentRunId id = AgentRunId.generate();
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    store.save(trace(tenant, id, start, RunStatus.RUNNING, 1));
    store.save(trace(tenant, id, start, RunStatus.SUCCEEDED, 3));

    RunTrace found = store.find(tenant, id).orElseThrow();

    assertThat(found.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(found.steps()).hasSize(3);
    assertThat(found.toolCalls()).hasSize(3);
    assertThat(store.recent(tenant, 10)).hasSize(1);
  }

  @Test
  void tenants_never_see_each_others_runs() {
    RunStore store = store();
    TenantId a = newTenant();
    TenantId b = newTenant();
    AgentRunId id = AgentRunId.generate();
    store.save(trace(a, id, Instant.parse("2026-01-01T00:00:00Z"), RunStatus.FAILED, 1));

    assertThat(store.find(b, id)).isEmpty();
    assertThat(store.recent(b, 10)).isEmpty();
    assertThat(store.find(a, id)).isPresent();
  }

  @Test
  void recent_lists_newest_first_up_to_the_limit() {
    RunStore store = store();
    TenantId tenant = newTenant();
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < 5; i++) {
      store.save(trace(tenant, AgentRunId.generate(), start.plus(Duration.ofHours(i)), RunStatus.SUCCEEDED, 1));
    }

    List<RunTrace> recent = store.recent(tenant, 3);

    assertThat(recent).extracting(RunTrace::startedAt).containsExactly(
        start.plus(Duration.ofHours(4)), start.plus(Duration.ofHours(3)), start.plus(Duration.ofHours(2)));
  }
}
