package dev.bizo.crm.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.core.TenantId;
import dev.bizo.crm.CrmPersistence;
import dev.bizo.crm.LeadService;
import dev.bizo.tenancy.TenancyDatabase;
import dev.bizo.tenancy.testkit.TestTenancy;
import dev.bizo.testkit.MutableClock;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** One migrated database per test class with the CRM on it, and a hand-driven clock. */
@RealServices
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SearchDatabase {

  protected TenancyDatabase database;
  protected final MutableClock clock = MutableClock.startingAtNewYear();
  protected LeadService leads;

  @BeforeAll
  final void start(TestDatabase db) {
    this.database = TestTenancy.start(db, CrmPersistence.modules());
    this.leads = LeadService.builder(database.transactions()).clock(clock).build();
  }

  @AfterAll
  final void stop() {
    if (database != null) {
      long leaks = database.tenantLeaksOnRelease();
      database.close();
      assertThat(leaks).isZero();
    }
  }

  protected TenantId newTenant() {
    return TestTenancy.newTenant(database);
  }

  /** Rows in {@code table} visible to {@code tenant} that match {@code where}. */
  protected long count(TenantId tenant, String table, String where, Object... params) {
    return database.transactions().inTenantJdbc(
        tenant,
        c -> {
          try (PreparedStatement p = c.prepareStatement("select count(*) from " + table + " where " + where)) {
            for (int i = 0; i < params.length; i++) {
              p.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = p.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }
}
