package dev.bizo.agents.spi;

import dev.bizo.agents.trace.AgentRunId;
import dev.bizo.agents.trace.RunTrace;
import dev.bizo.core.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * Keeps run traces per tenant. The runtime saves a trace when a run starts, after each step and when it ends,
 * so a crash leaves the partial trace behind; {@link #save} therefore replaces an earlier trace of the same
 * run. A tenant never sees another tenant's runs.
 *
 * <p>Implementations ({@link dev.bizo.agents.trace.InMemoryRunStore} and
 * {@link dev.bizo.agents.trace.PostgresRunStore} here) pass
 * {@code RunStoreContract} from this module's tests.
 */
public interface RunStore {

  /**
   * Inserts or replaces the trace of a run.
   *
   * @param trace the trace; its tenant scopes it
   */
  void save(RunTrace trace);

  /**
   * One run of a tenant.
   *
   * @param tenant the tenant
   * @param id the run
   * @return the latest saved trace, or empty when the tenant has no such run
   */
  Optional<RunTrace> find(TenantId tenant, AgentRunId id);

  /**
   * The tenant's most recent runs, newest first.
   *
   * @param tenant the tenant
   * @param limit the most runs to return, at least 1
   * @return the runs
   */
  List<RunTrace> recent(TenantId tenant, int limit);
}
