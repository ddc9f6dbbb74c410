package dev.bizo.crm.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.core.Ids;
import dev.bizo.core.TenantId;
import dev.bizo.crm.CrmPersistence;
import dev.bizo.crm.LeadSource;
import dev.bizo.crm.analytics.CohortReport;
import dev.bizo.crm.analytics.IndustryCohort;
import dev.bizo.crm.analytics.LeadAnalytics;
import dev.bizo.crm.analytics.SourceCohort;
import dev.bizo.tenancy.TenancyDatabase;
import dev.bizo.tenancy.testkit.TestTenancy;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Upgrading a database that already holds leads: the cohort migration (V5) counts them, so the first cohort
 * report after the upgrade is exact and a rebuild finds nothing to repair, for each tenant on its own.
 */
@RealServices
class LeadCohortBackfillIT {

  @Test
  void leads_written_before_the_cohort_counters_existed_are_counted_per_tenant(TestDatabase db) throws Exception {
    TenantId mine;
    TenantId theirs;
    try (TenancyDatabase beforeCrm = TestTenancy.start(db, List.of(CrmPersistence.CORE))) {
      mine = TestTenancy.newTenant(beforeCrm);
      theirs = TestTenancy.newTenant(beforeCrm);
    }
    Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password())
        .locations(CrmPersistence.MODULE.migrationLocation()).table(CrmPersistence.MODULE.historyTable())
        .baselineOnMigrate(true).baselineVersion("0").target("4").load().migrate();
    try (Connection c = db.connect()) {
      // 2026-01-01 in Berlin runs from 2025-12-31T23:00Z to 2026-01-01T23:00Z
      insert(c, mine, "2025-12-31T22:59:59Z", "WEBSITE", "Fintech", "NEW", 90);
      insert(c, mine, "2025-12-31T23:00:00Z", "WEBSITE", "Fintech", "PROPOSAL", 70);
      insert(c, mine, "2026-01-01T08:30:00Z", "REFERRAL", null, "WON", 40);
      insert(c, mine, "2026-01-01T22:59:00Z", "REFERRAL", "Retail", "LOST", 10);
      insert(c, mine, "2026-01-01T23:00:00Z", "EMAIL", "Retail", "WON", 100);
      insert(c, theirs, "2026-01-01T12:00:00Z", "WEBSITE", "Fintech", "WON", 80);
    }

    try (TenancyDatabase upgraded = TestTenancy.start(db, CrmPersistence.modules())) {
      LeadAnalytics analytics = new LeadAnalytics(upgraded.transactions());
      LocalDate day = LocalDate.of(2026, 1, 1);
      ZoneId berlin = ZoneId.of("Europe/Berlin");

      assertThat(analytics.cohort(mine, day, day, berlin)).isEqualTo(new CohortReport(day, day, berlin,
          List.of(new SourceCohort(LeadSource.WEBSITE, 1, 1, 0), new SourceCohort(LeadSource.REFERRAL, 2, 1, 1)),
          List.of(new IndustryCohort(Optional.empty(), 1, 40), new IndustryCohort(Optional.of("Fintech"), 1, 70),
              new IndustryCohort(Optional.of("Retail"), 1, 10))));
      assertThat(analytics.cohort(mine, day, day, ZoneOffset.UTC).leads()).isEqualTo(3);
      assertThat(analytics.cohort(theirs, day, day, berlin).bySource())
          .containsExactly(new SourceCohort(LeadSource.WEBSITE, 1, 1, 1));
      assertThat(analytics.rebuild(mine)).isZero();
      assertThat(analytics.rebuild(theirs)).isZero();
      analytics.compact(mine, 10_000);
      assertThat(analytics.cohort(mine, day, day.plusDays(1), berlin).leads()).isEqualTo(4);
    }
  }

  private static void insert(Connection c, TenantId tenant, String createdAt, String source, String industry,
      String status, int score) throws Exception {
    try (PreparedStatement s = c.prepareStatement(
        "insert into crm_lead (id, tenant_id, name, source, industry, status, score, status_since, scored_at,"
            + " created_at, updated_at) values (?, ?, 'Before', ?, ?, ?, ?, ?, ?, ?, ?)")) {
      var at = Instant.parse(createdAt).atOffset(ZoneOffset.UTC);
      s.setObject(1, Ids.newUuid());
      s.setObject(2, tenant.value());
      s.setString(3, source);
      s.setString(4, industry);
      s.setString(5, status);
      s.setInt(6, score);
      for (int i = 7; i <= 10; i++) {
        s.setObject(i, at);
      }
      s.executeUpdate();
    }
  }
}
