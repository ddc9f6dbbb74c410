package dev.bizo.agents;

import dev.bizo.tenancy.PersistenceModule;
import dev.bizo.tenancy.TenancyDatabase;
import dev.bizo.webhooks.WebhooksPersistence;
import java.util.List;

/**
 * What the agents module contributes to {@link dev.bizo.tenancy.TenancyDatabase}: the tables of agent run
 * traces and brand notes, under row-level security.
 *
 * <pre>{@code
 * TenancyDatabase.Builder db = TenancyDatabase.builder().jdbcUrl(url).owner(u, p).app(a, q);
 * AgentsPersistence.modules().forEach(db::module);
 * }</pre>
 *
 * <p>The run store writes {@code agent_run.finished} to core's outbox, and bizo-webhooks delivers outbox events,
 * so {@link #modules()} returns core's module, the webhooks module and then {@link #MODULE}; an application that
 * already registers core's and the webhooks' modules registers {@link #MODULE} alone.
 */
public final class AgentsPersistence {

  /** Core's outbox migrations ({@code bizo_outbox}): {@link TenancyDatabase#CORE_MODULE}, named here for readers of this class. */
  public static final PersistenceModule CORE = TenancyDatabase.CORE_MODULE;

  /** This module's migrations ({@code classpath:db/migration/agents}); plain JDBC, no entities. */
  public static final PersistenceModule MODULE =
      new PersistenceModule("agents", "classpath:db/migration/agents", "flyway_history_agents", List.of());

  private AgentsPersistence() {}

  /**
   * Core's module, the webhooks module, then this module's, in the order they must migrate.
   *
   * @return the three modules
   */
  public static List<PersistenceModule> modules() {
    return List.of(CORE, WebhooksPersistence.MODULE, MODULE);
  }
}
