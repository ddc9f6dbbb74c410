package dev.bizo.tenancy.testkit;

import dev.bizo.core.TenantId;
import dev.bizo.tenancy.PersistenceModule;
import dev.bizo.tenancy.internal.TenantRow;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;

/**
 * Tenancy's own tables pass the contract here, in the test kit's tests: bizo-tenancy builds before its
 * test kit, so its own tests cannot extend the contract without a cycle.
 */
class TenantTableIsolationIT extends TenantIsolationContract<TenantRow> {

  @Override
  protected List<PersistenceModule> modules() {
    return List.of();
  }

  @Override
  protected Optional<Class<TenantRow>> entityClass() {
    return Optional.of(TenantRow.class);
  }

  @Override
  protected String table() {
    return "tenant";
  }

  @Override
  protected Object createRow(Session session, TenantId tenant) {
    // a tenant has exactly one row of its own: the one signup created
    return tenant.value();
  }
}
