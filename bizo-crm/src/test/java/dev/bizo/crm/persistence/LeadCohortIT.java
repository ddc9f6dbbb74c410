package dev.bizo.crm.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.crm.Lead;
import dev.bizo.crm.LeadSource;
import dev.bizo.crm.LeadStatus;
import dev.bizo.crm.StoredLead;
import dev.bizo.crm.analytics.CohortReport;
import dev.bizo.crm.analytics.IndustryCohort;
import dev.bizo.crm.analytics.SourceCohort;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link dev.bizo.crm.analytics.LeadAnalytics#cohort} equals the plain {@code group by} over the leads created
 * in the zone's days: with changes pending, after compaction, after status, industry and score changes and
 * deletes, and after a rebuild; and it never counts another tenant's leads.
 */
class LeadCohortIT extends CrmDatabase {

  private static final LeadSource[] SOURCES = {LeadSource.WEBSITE, LeadSource.REFERRAL, LeadSource.PAID_ADS};
  private static final String[] INDUSTRIES = {"Fintech", null, "Logistics", "fintech ", "Retail"};
  private static final List<ZoneId> ZONES = List.of(ZoneOffset.UTC, ZoneId.of("Europe/Berlin"),
      ZoneId.of("Asia/Kolkata"), ZoneId.of("Asia/Kathmandu"), ZoneId.of("America/St_Johns"));
  private static final LocalDate FIRST = LocalDate.of(2026, 1, 1);

  private List<StoredLead> populate(TenantId tenant, int count) {
    List<StoredLead> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Lead.Builder b = Lead.builder(tenant, clock).name("Cohort " + i).email("c" + i + "@cohort.test")
          .source(SOURCES[i % SOURCES.length]).jobTitle(i % 3 == 0 ? "CEO" : "Analyst");
      if (INDUSTRIES[i % INDUSTRIES.length] != null) {
        b.industry(INDUSTRIES[i % INDUSTRIES.length]);
      }
      out.add(leads.create(tenant, b.build()));
      clock.advance(Duration.ofMinutes(317));
    }
    for (int i = 0; i < count; i += 2) {
      leads.changeStatus(tenant, out.get(i).id(), LeadStatus.CONTACTED, "u");
      if (i % 4 == 0) {
        leads.changeStatus(tenant, out.get(i).id(), LeadStatus.QUALIFIED, "u");
        leads.changeStatus(tenant, out.get(i).id(), i % 8 == 0 ? LeadStatus.LOST : LeadStatus.PROPOSAL, "u");
        if (i % 16 == 4) {
          leads.changeStatus(tenant, out.get(i).id(), LeadStatus.WON, "u");
        }
      }
    }
    return out;
  }

  /** The report computed from the leads themselves. */
  private CohortReport plain(TenantId t, LocalDate from, LocalDate to, ZoneId zone) {
    Object start = from.atStartOfDay(zone).toOffsetDateTime();
    Object end = to.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
    return database.transactions().inTenantJdbc(t, c -> {
      List<SourceCohort> bySource = new ArrayList<>();
      List<IndustryCohort> byIndustry = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement("select grouping(source), source, industry, count(*),"
          + " count(*) filter (where status in ('QUALIFIED', 'PROPOSAL', 'NEGOTIATION', 'WON')),"
          + " count(*) filter (where status = 'WON'), sum(score) from crm_lead"
          + " where tenant_id = ? and created_at >= ? and created_at < ? group by grouping sets ((source), (industry))")) {
        p.setObject(1, t.value());
        p.setObject(2, start);
        p.setObject(3, end);
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            if (rs.getInt(1) == 0) {
              bySource.add(new SourceCohort(LeadSource.valueOf(rs.getString(2)), rs.getLong(4), rs.getLong(5),
                  rs.getLong(6)));
            } else {
              byIndustry.add(new IndustryCohort(Optional.ofNullable(rs.getString(3)), rs.getLong(4), rs.getLong(7)));
            }
          }
        }
      }
      bySource.sort((a, b) -> a.source().compareTo(b.source()));
      byIndustry.sort((a, b) -> a.industry().orElse("").compareTo(b.industry().orElse("")));
      return new CohortReport(from, to, zone, bySource, byIndustry);
    });
  }

  private void assertCohortsEqualPlainSql(TenantId t) {
    for (ZoneId zone : ZONES) {
      for (LocalDate[] days : List.of(new LocalDate[] {FIRST, FIRST}, new LocalDate[] {FIRST, FIRST.plusDays(2)},
          new LocalDate[] {FIRST.plusDays(1), FIRST.plusDays(3)}, new LocalDate[] {FIRST.minusDays(1), FIRST.plusDays(30)})) {
        CohortReport expected = plain(t, days[0], days[1], zone);
        assertThat(analytics.cohort(t, days[0], days[1], zone)).as("%s..%s in %s", days[0], days[1], zone)
            .isEqualTo(expected);
      }
    }
  }

  private long pending(TenantId t) {
    return count(t, "crm_lead_cohort_delta", "true");
  }

  @Test
  void cohorts_equal_plain_sql_with_changes_pending_after_compaction_and_after_updates_and_deletes() {
    TenantId t = newTenant();
    List<StoredLead> made = populate(t, 36);

    assertThat(pending(t)).isPositive();
    assertCohortsEqualPlainSql(t);
    CohortReport whole = analytics.cohort(t, FIRST.minusDays(1), FIRST.plusDays(30), ZoneOffset.UTC);
    assertThat(whole.leads()).isEqualTo(36);
    // every fourth lead reached QUALIFIED; half of those were LOST since, two of the rest are WON
    assertThat(whole.qualified()).isEqualTo(4);
    assertThat(whole.converted()).isEqualTo(2);

    while (analytics.compact(t, 7) > 0) {
      // folds everything, a few changes at a time
    }
    assertThat(pending(t)).isZero();
    assertThat(count(t, "crm_lead_cohort", "true")).isPositive();
    assertCohortsEqualPlainSql(t);

    leads.update(t, made.get(1).id(), b -> b.industry("Healthcare"));
    leads.update(t, made.get(3).id(), b -> b.jobTitle("CEO").industry(null));
    leads.changeStatus(t, made.get(2).id(), LeadStatus.QUALIFIED, "u");
    leads.changeStatus(t, made.get(12).id(), LeadStatus.LOST, "u");
    leads.delete(t, made.get(5).id());
    leads.delete(t, made.get(16).id());
    assertThat(pending(t)).isPositive();
    assertCohortsEqualPlainSql(t);
    analytics.compact(t, 10_000);
    assertCohortsEqualPlainSql(t);
    assertThat(analytics.cohort(t, FIRST.minusDays(1), FIRST.plusDays(30), ZoneOffset.UTC).leads()).isEqualTo(34);
  }

  @Test
  void another_tenants_leads_never_show_up() {
    TenantId t = newTenant();
    TenantId other = newTenant();
    TenantId empty = newTenant();
    populate(t, 12);
    populate(other, 9);

    assertCohortsEqualPlainSql(t);
    assertCohortsEqualPlainSql(other);
    analytics.compact(other, 10_000);
    assertThat(analytics.cohort(t, FIRST.minusDays(1), FIRST.plusDays(30), ZoneOffset.UTC).leads()).isEqualTo(12);
    assertThat(analytics.cohort(other, FIRST.minusDays(1), FIRST.plusDays(30), ZoneOffset.UTC).leads()).isEqualTo(9);
    CohortReport nothing = analytics.cohort(empty, FIRST.minusDays(1), FIRST.plusDays(30), ZoneOffset.UTC);
    assertThat(nothing.bySource()).isEmpty();
    assertThat(nothing.byIndustry()).isEmpty();
    assertThat(nothing.leads()).isZero();
  }

  @Test
  void rebuild_repairs_tampered_cohort_counters_and_is_a_no_op_otherwise() {
    TenantId t = newTenant();
    populate(t, 10);
    analytics.compact(t, 10_000);
    assertThat(analytics.rebuild(t)).isZero();

    database.transactions().inTenantJdbc(t, c -> {
      try (PreparedStatement p = c.prepareStatement(
          "update crm_lead_cohort set leads = leads + 1 where (span, starts_at, source, industry) in ("
              + " select distinct on (span) span, starts_at, source, industry from crm_lead_cohort"
              + " order by span, starts_at, source, industry)")) {
        return p.executeUpdate();
      }
    });
    LocalDate last = FIRST.plusDays(30);
    assertThat(analytics.cohort(t, FIRST, last, ZoneOffset.UTC)).isNotEqualTo(plain(t, FIRST, last, ZoneOffset.UTC));

    // one quarter-hour counter and one day counter were off
    assertThat(analytics.rebuild(t)).isEqualTo(2);
    assertCohortsEqualPlainSql(t);
    analytics.compact(t, 10_000);
    assertThat(analytics.rebuild(t)).isZero();
    assertCohortsEqualPlainSql(t);
  }

  @Test
  void days_must_be_ordered_and_start_on_a_quarter_hour() {
    TenantId t = newTenant();
    assertThatThrownBy(() -> analytics.cohort(t, FIRST.plusDays(1), FIRST, ZoneOffset.UTC))
        .isInstanceOf(ValidationException.class);
    // Liberia kept Monrovia Mean Time, 44 minutes 30 seconds behind UTC, until 1972
    LocalDate mmt = LocalDate.of(1960, 6, 1);
    assertThatThrownBy(() -> analytics.cohort(t, mmt, mmt, ZoneId.of("Africa/Monrovia")))
        .isInstanceOf(ValidationException.class).hasMessageContaining("quarter hour");
  }
}
