package dev.bizo.crm.persistence;

import dev.bizo.core.Ids;
import dev.bizo.core.TenantId;
import dev.bizo.crm.CrmPersistence;
import dev.bizo.tenancy.PersistenceModule;
import dev.bizo.tenancy.testkit.TenantIsolationContract;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** crm_lead passes tenancy's isolation contract in its JDBC form (lookups, native SQL, raw JDBC as the app role). */
class LeadIsolationIT extends TenantIsolationContract<Void> {

  @Override
  protected List<PersistenceModule> modules() {
    return CrmPersistence.modules();
  }

  @Override
  protected String table() {
    return "crm_lead";
  }

  @Override
  protected Object createRow(Connection connection, TenantId tenant) throws SQLException {
    UUID id = Ids.newUuid();
    var now = Instant.parse("2026-01-01T00:00:00Z").atOffset(ZoneOffset.UTC);
    try (PreparedStatement s = connection.prepareStatement(
        "insert into crm_lead (id, tenant_id, name, email, source, status, status_since, scored_at, created_at, updated_at)"
            + " values (?, ?, 'Ada', ?, 'WEBSITE', 'NEW', ?, ?, ?, ?)")) {
      s.setObject(1, id);
      s.setObject(2, tenant.value());
      s.setString(3, id + "@isolation.test");
      for (int i = 4; i <= 7; i++) {
        s.setObject(i, now);
      }
      s.executeUpdate();
    }
    return id;
  }
}
