package dev.bizo.crm.persistence;

import dev.bizo.core.TenantId;
import dev.bizo.crm.CrmPersistence;
import dev.bizo.tenancy.PersistenceModule;
import dev.bizo.tenancy.testkit.TenantIsolationContract;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The pending cohort changes ({@code crm_lead_cohort_delta}, what {@code LeadAnalytics.cohort} reads besides the
 * folded counters) pass tenancy's isolation contract in its JDBC form.
 */
class LeadCohortIsolationIT extends TenantIsolationContract<Void> {

  @Override
  protected List<PersistenceModule> modules() {
    return CrmPersistence.modules();
  }

  @Override
  protected String table() {
    return "crm_lead_cohort_delta";
  }

  @Override
  protected Object createRow(Connection connection, TenantId tenant) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(
        "insert into crm_lead_cohort_delta (tenant_id, created_quarter, source, industry, leads, qualified, converted,"
            + " score_sum) values (?, ?, 'WEBSITE', 'Fintech', 1, 0, 0, 40) returning id")) {
      s.setObject(1, tenant.value());
      s.setObject(2, Instant.parse("2026-01-01T00:15:00Z").atOffset(ZoneOffset.UTC));
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
