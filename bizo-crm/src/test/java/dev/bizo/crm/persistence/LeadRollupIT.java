package dev.bizo.crm.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.core.TenantId;
import dev.bizo.crm.Lead;
import dev.bizo.crm.LeadSource;
import dev.bizo.crm.LeadStatus;
import dev.bizo.crm.StoredLead;
import dev.bizo.crm.analytics.CountBucket;
import dev.bizo.crm.analytics.FunnelReport;
import dev.bizo.crm.analytics.ReportPeriod;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The pre-aggregated reports always equal the plain {@code group by} over the leads: with changes
 * pending, after compaction, after updates and deletes, after concurrent compaction, and after a rebuild
 * repairs tampered counters.
 */
class LeadRollupIT extends CrmDatabase {

  private static final LeadSource[] SOURCES = {LeadSource.WEBSITE, LeadSource.REFERRAL, LeadSource.EVENT, LeadSource.PARTNER};

  private List<StoredLead> populate(TenantId tenant, int count) {
    List<StoredLead> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Lead.Builder b = Lead.builder(tenant, clock).name("Rollup " + i).email("r" + i + "@rollup.test")
          .source(SOURCES[i % SOURCES.length]).owner(i % 5 == 0 ? null : "owner-" + (i % 3));
      if (i % 2 == 0) {
        b.company("Co " + i).jobTitle(i % 4 == 0 ? "CEO" : "Analyst");
      }
      out.add(leads.create(tenant, b.build()));
      clock.advance(Duration.ofHours(9));
    }
    for (int i = 0; i < count; i += 2) {
      leads.changeStatus(tenant, out.get(i).id(), LeadStatus.CONTACTED, "u");
      clock.advance(Duration.ofMinutes(37 + i));
      if (i % 4 == 0) {
        leads.changeStatus(tenant, out.get(i).id(), LeadStatus.QUALIFIED, "u");
        clock.advance(Duration.ofMinutes(11 * i));
        leads.changeStatus(tenant, out.get(i).id(), i % 8 == 0 ? LeadStatus.LOST : LeadStatus.PROPOSAL, "u");
      }
    }
    return out;
  }

  private List<CountBucket> raw(TenantId tenant, String sql, Object... params) {
    return database.transactions().inTenantJdbc(
        tenant,
        c -> {
          List<CountBucket> out = new ArrayList<>();
          try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
              p.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = p.executeQuery()) {
              while (rs.next()) {
                out.add(new CountBucket(rs.getString(1), rs.getLong(2)));
              }
            }
          }
          return out;
        });
  }

  private void assertReportsEqualPlainSql(TenantId t, Instant from, Instant before) {
    Object id = t.value();
    assertThat(analytics.countsByStatus(t))
        .isEqualTo(raw(t, "select status, count(*) from crm_lead where tenant_id = ? group by 1 order by 1", id));
    assertThat(analytics.countsBySource(t))
        .isEqualTo(raw(t, "select source, count(*) from crm_lead where tenant_id = ? group by 1 order by 1", id));
    assertThat(analytics.countsByOwner(t))
        .isEqualTo(raw(t, "select coalesce(owner, '(none)'), count(*) from crm_lead where tenant_id = ? group by 1 order by 1", id));
    assertThat(analytics.countsByPriority(t))
        .isEqualTo(raw(t, "select priority, count(*) from crm_lead where tenant_id = ? group by 1 order by 1", id));
    assertThat(analytics.countsByScoreBand(t))
        .isEqualTo(raw(t, "select case when b = 9 then '90-100' else (b * 10) || '-' || (b * 10 + 9) end, n from ("
            + " select least(score / 10, 9) b, count(*) n from crm_lead where tenant_id = ? group by b) x order by b", id));
    for (ReportPeriod period : ReportPeriod.values()) {
      String unit = period.name().toLowerCase(java.util.Locale.ROOT);
      assertThat(analytics.countsByPeriod(t, period, from, before))
          .as("%s from %s before %s", period, from, before)
          .isEqualTo(raw(t, "select d::date::text, n from (select date_trunc('" + unit + "', created_at at time zone 'UTC') d,"
              + " count(*) n from crm_lead where tenant_id = ? and created_at >= ? and created_at < ? group by d) x order by d",
              id, from.atOffset(ZoneOffset.UTC), before.atOffset(ZoneOffset.UTC)));
    }
    List<CountBucket> stageTimes = raw(t, "select from_status, sum(floor(extract(epoch from (changed_at - entered_from)) * 1000))::bigint"
        + " / count(*) from crm_lead_status_change where tenant_id = ? group by 1 order by 1", id);
    FunnelReport funnel = analytics.funnel(t);
    assertThat(funnel.averageTimeInStage()).hasSize(stageTimes.size());
    for (CountBucket b : stageTimes) {
      assertThat(funnel.averageTimeInStage().get(LeadStatus.valueOf(b.key()))).isEqualTo(Duration.ofMillis(b.count()));
    }
  }

  /** Changes not folded yet: compact folds those of the cohort counters too. */
  private long pending(TenantId t) {
    return count(t, "crm_lead_rollup_delta", "true") + count(t, "crm_lead_cohort_delta", "true");
  }

  @Test
  void reports_equal_plain_sql_with_changes_pending_after_compaction_and_after_updates_and_deletes() {
    TenantId t = newTenant();
    TenantId other = newTenant();
    Instant start = clock.instant();
    List<StoredLead> made = populate(t, 40);
    populate(other, 6);
    // ranges that start and end mid-day, a range within one day, and whole days
    Instant from = start.plus(Duration.ofHours(13));
    Instant before = clock.instant().minus(Duration.ofHours(30));
    Instant wholeFrom = LocalDate.ofInstant(start, ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();

    assertThat(pending(t)).isPositive();
    assertReportsEqualPlainSql(t, from, before);
    FunnelReport beforeCompaction = analytics.funnel(t);

    int folded = 0;
    int n;
    while ((n = analytics.compact(t, 50)) > 0) {
      folded += n;
    }
    assertThat(folded).isPositive();
    assertThat(pending(t)).isZero();
    assertThat(pending(other)).as("another tenant's changes stay pending").isPositive();
    assertReportsEqualPlainSql(t, from, before);
    assertReportsEqualPlainSql(t, wholeFrom, wholeFrom.plus(Duration.ofDays(3)));
    assertReportsEqualPlainSql(t, from, from.plus(Duration.ofHours(5)));
    assertThat(analytics.funnel(t)).isEqualTo(beforeCompaction);

    for (int i = 1; i < 12; i += 2) {
      int k = i;
      leads.update(t, made.get(i).id(), b -> b.owner("owner-new").company("Bought Co " + k));
    }
    leads.changeStatus(t, made.get(1).id(), LeadStatus.CONTACTED, "u");
    leads.delete(t, made.get(3).id());
    leads.delete(t, made.get(4).id());
    assertThat(pending(t)).isPositive();
    assertReportsEqualPlainSql(t, from, before);
    analytics.compact(t, 10_000);
    assertReportsEqualPlainSql(t, from, before);
    assertThat(analytics.countsBySource(t).stream().mapToLong(CountBucket::count).sum()).isEqualTo(38);
  }

  @Test
  void two_replicas_compacting_at_once_fold_every_change_exactly_once() throws Exception {
    TenantId t = newTenant();
    Instant start = clock.instant();
    populate(t, 30);
    long deltas = pending(t);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Callable<Integer> replica = () -> {
        int total = 0;
        int n;
        while ((n = analytics.compact(t, 3)) > 0) {
          total += n;
        }
        return total;
      };
      Future<Integer> a = pool.submit(replica);
      Future<Integer> b = pool.submit(replica);
      assertThat((long) a.get() + b.get()).isEqualTo(deltas);
    } finally {
      pool.shutdownNow();
    }
    assertThat(pending(t)).isZero();
    assertReportsEqualPlainSql(t, start, clock.instant().plusSeconds(1));
  }

  @Test
  void rebuild_repairs_counters_changed_behind_the_triggers_back_and_is_a_no_op_otherwise() {
    TenantId t = newTenant();
    Instant start = clock.instant();
    populate(t, 12);
    analytics.compact(t, 10_000);
    assertThat(analytics.rebuild(t)).isZero();

    database.transactions().inTenantJdbc(t, c -> {
      try (PreparedStatement p = c.prepareStatement(
          "update crm_lead_rollup set leads = leads + 5 where dimension = 'status' and key = 'NEW'")) {
        return p.executeUpdate();
      }
    });
    List<CountBucket> wrong = analytics.countsByStatus(t);
    assertThat(wrong).isNotEqualTo(raw(t, "select status, count(*) from crm_lead where tenant_id = ? group by 1 order by 1", t.value()));

    assertThat(analytics.rebuild(t)).isEqualTo(1);
    assertReportsEqualPlainSql(t, start, clock.instant().plusSeconds(1));
    analytics.compact(t, 10_000);
    assertThat(analytics.rebuild(t)).isZero();
    assertReportsEqualPlainSql(t, start, clock.instant().plusSeconds(1));
  }
}
