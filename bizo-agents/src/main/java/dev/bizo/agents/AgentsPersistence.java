package dev.bizo.agents;

import dev.bizo.core.events.Outbox;
import dev.bizo.tenancy.PersistenceModule;
import java.util.List;

/**
 * What the agents module contributes to {@link dev.bizo.tenancy.TenancyDatabase}: the tables of webhook
 * endpoints, deliveries and attempts, and of agent run traces, all under row-level security.
 *
 * <pre>{@code
 * TenancyDatabase.Builder db = TenancyDatabase.builder().jdbcUrl(url).owner(u, p).app(a, q);
 * AgentsPersistence.modules().forEach(db::module);
 * }</pre>
 *
 * <p>Webhook delivery reads core's outbox and the run store writes to it, so core's module must migrate
 * before {@link #MODULE}. {@link #modules()} returns both; an application that already registers core's
 * module (for example through the CRM's or payments' modules) registers {@link #MODULE} alone.
 */
public final class AgentsPersistence {

  /** Core's outbox migrations ({@code bizo_outbox}). */
  public static final PersistenceModule CORE =
      new PersistenceModule("core", Outbox.MIGRATION_LOCATION, "flyway_history_core", List.of());

  /** This module's migrations ({@code classpath:db/migration/agents}); plain JDBC, no entities. */
  public static final PersistenceModule MODULE =
      new PersistenceModule("agents", "classpath:db/migration/agents", "flyway_history_agents", List.of());

  private AgentsPersistence() {}

  /**
   * Core's module, then this module's, in the order they must migrate.
   *
   * @return both modules
   */
  public static List<PersistenceModule> modules() {
    return List.of(CORE, MODULE);
  }
}
