package dev.bizo.server.events;

import dev.bizo.agents.spi.RunListener;
import dev.bizo.agents.spi.RunStore;
import dev.bizo.agents.trace.AgentRunId;
import dev.bizo.agents.trace.RunEvent;
import dev.bizo.agents.trace.RunStatus;
import dev.bizo.agents.trace.RunTrace;
import dev.bizo.core.TenantId;
import dev.bizo.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Agent run progress as live events ({@code run.progress}). A run event names no tenant and may fire on a
 * worker thread, so the tenant comes from the run's trace, which the runtime saves when the run starts:
 * {@link #tracking(RunStore)} wraps the store to remember it.
 */
@ApplicationScoped
public class RunEvents implements RunListener {

  @Inject EventHub hub;

  private final Map<AgentRunId, TenantId> running = new ConcurrentHashMap<>();

  /** A store that tells this listener which tenant each run belongs to, and otherwise delegates. */
  public RunStore tracking(RunStore store) {
    return new RunStore() {
      @Override
      public void save(RunTrace trace) {
        store.save(trace);
        if (trace.status() == RunStatus.RUNNING) {
          running.put(trace.id(), trace.tenant());
        }
      }

      @Override
      public Optional<RunTrace> find(TenantId tenant, AgentRunId id) {
        return store.find(tenant, id);
      }

      @Override
      public List<RunTrace> recent(TenantId tenant, int limit) {
        return store.recent(tenant, limit);
      }
    };
  }

  @Override
  public void onEvent(RunEvent event) {
    boolean last = event.type() == RunEvent.Type.RUN_SUCCEEDED || event.type() == RunEvent.Type.RUN_FAILED;
    TenantId known = last ? running.remove(event.runId()) : running.get(event.runId());
    Optional<TenantId> tenant = Optional.ofNullable(known).or(TenantContext::current);
    if (tenant.isEmpty()) {
      return;
    }
    hub.publish(tenant.get(), "run.progress", Json.createObjectBuilder()
        .add("runId", event.runId().toString())
        .add("type", event.type().name())
        .add("step", event.stepIndex())
        .add("agent", event.agent())
        .add("detail", event.detail())
        .add("at", event.at().toString())
        .build()
        .toString());
  }
}
