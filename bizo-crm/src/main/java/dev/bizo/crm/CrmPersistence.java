package dev.bizo.crm;

import dev.bizo.tenancy.PersistenceModule;
import dev.bizo.tenancy.TenancyDatabase;
import java.util.List;

/**
 * What the CRM contributes to {@link dev.bizo.tenancy.TenancyDatabase}: its migrations (leads, status
 * history, activities, score history, predictive models and training runs, import records, per-tenant
 * scoring configuration, report counters and their pending deltas, stored embeddings and their queue;
 * all under forced row-level security). The CRM reads and writes in SQL, so it maps no entity.
 *
 * <pre>{@code
 * TenancyDatabase.Builder db = TenancyDatabase.builder().jdbcUrl(url).owner(u, p).app(a, q);
 * CrmPersistence.modules().forEach(db::module);
 * LeadService leads = LeadService.builder(db.start().transactions()).build();
 * }</pre>
 *
 * <p>The CRM writes domain events to core's outbox, so core's module must be registered before
 * {@link #MODULE}. {@link #modules()} returns both; an application that already registers core's
 * module registers {@link #MODULE} alone.
 */
public final class CrmPersistence {

  /** Core's outbox migrations ({@code bizo_outbox}): {@link TenancyDatabase#CORE_MODULE}, named here for readers of this class. */
  public static final PersistenceModule CORE = TenancyDatabase.CORE_MODULE;

  /** The CRM's own migrations ({@code classpath:db/migration/crm}). */
  public static final PersistenceModule MODULE =
      new PersistenceModule("crm", "classpath:db/migration/crm", "flyway_history_crm", List.of());

  private CrmPersistence() {}

  /** Core's module then the CRM's, in the order they must migrate. */
  public static List<PersistenceModule> modules() {
    return List.of(CORE, MODULE);
  }
}
