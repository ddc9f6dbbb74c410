package dev.bizo.webhooks;

import dev.bizo.tenancy.PersistenceModule;
import dev.bizo.tenancy.TenancyDatabase;
import java.util.List;

/**
 * What the webhooks module contributes to {@link dev.bizo.tenancy.TenancyDatabase}: the tables of webhook
 * endpoints, deliveries and attempts, under row-level security.
 *
 * <pre>{@code
 * TenancyDatabase.Builder db = TenancyDatabase.builder().jdbcUrl(url).owner(u, p).app(a, q);
 * WebhooksPersistence.modules().forEach(db::module);
 * }</pre>
 *
 * <p>Delivery reads core's outbox, so core's module must migrate before {@link #MODULE}. {@link #modules()}
 * returns both; an application that already registers core's module (for example through the CRM's or
 * payments' modules) registers {@link #MODULE} alone.
 *
 * <p>The tables keep the {@code agents_webhook_} names they had when bizo-agents created them, so a database
 * migrated before this module existed keeps its endpoints and delivery log: this module's first migration
 * finds the tables there and changes nothing.
 */
public final class WebhooksPersistence {

  /** Core's outbox migrations ({@code bizo_outbox}): {@link TenancyDatabase#CORE_MODULE}, named here for readers of this class. */
  public static final PersistenceModule CORE = TenancyDatabase.CORE_MODULE;

  /**
   * This module's migrations ({@code classpath:db/migration/webhooks}, history {@code flyway_history_webhooks});
   * plain JDBC, no entities.
   */
  public static final PersistenceModule MODULE = PersistenceModule.of("webhooks");

  private WebhooksPersistence() {}

  /**
   * Core's module, then this module's, in the order they must migrate.
   *
   * @return both modules
   */
  public static List<PersistenceModule> modules() {
    return List.of(CORE, MODULE);
  }
}
