package dev.bizo.tenancy.testkit;

import dev.bizo.core.Ids;
import dev.bizo.core.TenantId;
import dev.bizo.tenancy.PersistenceModule;
import dev.bizo.tenancy.internal.AuditRow;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;

class AuditTableIsolationIT extends TenantIsolationContract<AuditRow> {

  @Override
  protected List<PersistenceModule> modules() {
    return List.of();
  }

  @Override
  protected Optional<Class<AuditRow>> entityClass() {
    return Optional.of(AuditRow.class);
  }

  @Override
  protected String table() {
    return "tenant_audit";
  }

  @Override
  protected Object createRow(Session session, TenantId tenant) {
    AuditRow row = new AuditRow(Ids.newUuid(), Instant.now(), "tester", "test.entry_added", null, null);
    session.persist(row);
    return row.id;
  }
}
