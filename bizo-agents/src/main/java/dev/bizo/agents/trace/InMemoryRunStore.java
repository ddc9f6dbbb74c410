package dev.bizo.agents.trace;

import dev.bizo.agents.spi.RunStore;
import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link RunStore} in memory, for tests and single-process use; {@link PostgresRunStore} keeps runs in the
 * database.
 */
public final class InMemoryRunStore implements RunStore {

  private final Map<TenantId, Map<AgentRunId, RunTrace>> runs = new ConcurrentHashMap<>();

  @Override
  public void save(RunTrace trace) {
    runs.computeIfAbsent(trace.tenant(), t -> new ConcurrentHashMap<>()).put(trace.id(), trace);
  }

  @Override
  public Optional<RunTrace> find(TenantId tenant, AgentRunId id) {
    return Optional.ofNullable(runs.getOrDefault(tenant, Map.of()).get(id));
  }

  @Override
  public List<RunTrace> recent(TenantId tenant, int limit) {
    if (limit < 1) {
      throw ValidationException.ofField("limit", "limit.too_small", "limit must be at least 1");
    }
    return runs.getOrDefault(tenant, Map.of()).values().stream()
        .sorted(Comparator.comparing(RunTrace::startedAt).thenComparing(r -> r.id().value()).reversed())
        .limit(limit)
        .toList();
  }
}
