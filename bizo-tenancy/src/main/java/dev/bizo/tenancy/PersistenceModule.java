package dev.bizo.tenancy;

import dev.bizo.core.ConfigurationException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What one Bizo module contributes to the shared database: its Flyway migrations and its Hibernate
 * entities. Pass one per module to {@link TenancyDatabase.Builder#module(PersistenceModule)}.
 *
 * <p>Each module keeps its own Flyway history table, so modules version their schemas independently
 * and can be added to an existing database later. Migrations run as the owner role, in the order the
 * modules are registered (tenancy's own module always first, because it creates the isolation helpers).
 *
 * <p>Every table holding tenant data must carry a {@code tenant_id uuid not null} column, be mapped
 * with Hibernate's {@code @TenantId}, and be put under row-level security by its migration:
 * <pre>{@code
 * create table crm_lead (id uuid primary key, tenant_id uuid not null references tenant (id), ...);
 * select bizo_enable_tenant_isolation('crm_lead');
 * }</pre>
 * Append-only tables (ledgers, audit trails) additionally call {@code select bizo_make_append_only('t');}.
 *
 * @param name a short lower-case name, e.g. {@code payments}
 * @param migrationLocation a Flyway location, e.g. {@code classpath:db/migration/payments}
 * @param historyTable the module's Flyway history table, e.g. {@code flyway_history_payments}
 * @param entities the module's annotated entity classes
 */
public record PersistenceModule(String name, String migrationLocation, String historyTable, List<Class<?>> entities) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,40}");

  public PersistenceModule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(migrationLocation, "migrationLocation");
    Objects.requireNonNull(historyTable, "historyTable");
    if (!NAME.matcher(name).matches()) {
      throw new ConfigurationException("persistence.module_invalid", "Module name must be lower-case words: " + name);
    }
    if (!NAME.matcher(historyTable).matches()) {
      throw new ConfigurationException("persistence.module_invalid", "History table must be a plain identifier: " + historyTable);
    }
    entities = List.copyOf(entities);
  }

  /**
   * The conventional module: migrations under {@code classpath:db/migration/<name>} recorded in
   * {@code flyway_history_<name>}.
   */
  public static PersistenceModule of(String name, Class<?>... entities) {
    return new PersistenceModule(name, "classpath:db/migration/" + name, "flyway_history_" + name, List.of(entities));
  }
}
