package dev.bizo.crm.persistence;

import dev.bizo.core.Ids;
import dev.bizo.core.TenantId;
import dev.bizo.crm.CrmPersistence;
import dev.bizo.crm.internal.persistence.LeadEntity;
import dev.bizo.tenancy.PersistenceModule;
import dev.bizo.tenancy.testkit.TenantIsolationContract;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/** crm_lead passes tenancy's isolation contract (Hibernate, find, native SQL, raw JDBC as the app role). */
class LeadIsolationIT extends TenantIsolationContract<LeadEntity> {

  @Override
  protected List<PersistenceModule> modules() {
    return CrmPersistence.modules();
  }

  @Override
  protected Class<LeadEntity> entityClass() {
    return LeadEntity.class;
  }

  @Override
  protected String table() {
    return "crm_lead";
  }

  @Override
  protected Object createRow(Session session, TenantId tenant) {
    UUID id = Ids.newUuid();
    var now = Instant.parse("2026-01-01T00:00:00Z").atOffset(ZoneOffset.UTC);
    session
        .createNativeMutationQuery(
            "insert into crm_lead (id, tenant_id, name, email, source, status, status_since, scored_at, created_at, updated_at)"
                + " values (:id, :tenant, 'Ada', :email, 'WEBSITE', 'NEW', :now, :now, :now, :now)")
        .setParameter("id", id)
        .setParameter("tenant", tenant.value())
        .setParameter("email", id + "@isolation.test")
        .setParameter("now", now)
        .executeUpdate();
    return id;
  }
}
