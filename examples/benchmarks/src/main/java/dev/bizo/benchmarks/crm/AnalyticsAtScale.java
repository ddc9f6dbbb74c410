package dev.bizo.benchmarks.crm;

import dev.bizo.benchmarks.BenchmarkDatabase;
import dev.bizo.benchmarks.Figure;
import dev.bizo.benchmarks.Measurement;
import dev.bizo.benchmarks.Report;
import dev.bizo.benchmarks.Sizes;
import dev.bizo.benchmarks.SuiteSize;
import dev.bizo.core.TenantId;
import dev.bizo.crm.CrmPersistence;
import dev.bizo.crm.Lead;
import dev.bizo.crm.LeadService;
import dev.bizo.crm.LeadSource;
import dev.bizo.crm.analytics.CountBucket;
import dev.bizo.crm.analytics.LeadAnalytics;
import dev.bizo.crm.analytics.ReportPeriod;
import dev.bizo.tenancy.TenancyDatabase;
import dev.bizo.tenancy.Transactions;
import dev.bizo.testkit.TestDatabase;
import dev.bizo.testkit.internal.SharedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Lead reports for one tenant with many leads, each report's median time through {@link LeadAnalytics}
 * (pre-aggregated counters plus pending changes) beside the same aggregate run directly in SQL over
 * {@code crm_lead} (a {@code group by} on the tenant's index), in one run on an embedded PostgreSQL. Goal:
 * p50 under 150 ms and at most 1.5 times raw SQL at 1,000,000 leads.
 *
 * <p>Leads are generated set-based (score, status, source, owner and creation time drawn at random over
 * a year, a status change for every lead that left NEW), so the triggers record them as they would any
 * write; the pending changes are then compacted, as the background job would. Then 2,000 leads (80 at the
 * tiny size) are created
 * through {@link LeadService} in alternating rounds with the counter triggers enabled and disabled (the
 * {@code analytics-lead-create-with-rollup-triggers} line: median ms per lead, the baseline without triggers),
 * and a report is measured with those changes still pending ({@code analytics-counts-by-status-with-pending}).
 *
 * <p>Figures {@code analytics-<report>}: the report's p50 beside the raw SQL's p50, 20,000 leads by default,
 * 1,000,000 with {@code --full}.
 *
 * <p>Run alone: {@code java -cp ... dev.bizo.benchmarks.crm.AnalyticsAtScale [--full | --tiny]}.
 */
public final class AnalyticsAtScale implements Measurement {

  private static final int CHUNK = 50_000;

  public static void main(String[] args) throws Exception {
    new AnalyticsAtScale().run(Sizes.fromArgs(args), new Report(System.out));
    System.exit(0);
  }

  @Override
  public String name() {
    return "analytics";
  }

  @Override
  public Duration bound(SuiteSize size) {
    return Duration.ofSeconds(size.ints(90, 300, 2_400));
  }

  @Override
  public void run(SuiteSize size, Report report) throws Exception {
    int leads = size.ints(2_000, 20_000, 1_000_000);
    int runs = size.ints(3, 15, 15);
    int warmups = size.ints(1, 3, 3);
    int perRound = size.ints(10, 250, 250);
    TestDatabase db = SharedPostgres.get().createDatabase();
    TenancyDatabase.Builder builder = BenchmarkDatabase.on(db, 4);
    CrmPersistence.modules().forEach(builder::module);
    try (TenancyDatabase database = builder.start()) {
      Transactions tx = database.transactions();
      Clock clock = Clock.systemUTC();
      TenantId tenant = BenchmarkDatabase.signUp(tx, "Analytics bench", "bench");
      Instant now = Instant.parse("2026-11-01T00:00:00Z");

      long started = System.nanoTime();
      generate(tx, tenant, leads, now);
      LeadAnalytics analytics = new LeadAnalytics(tx);
      long folded = 0;
      int n;
      while ((n = analytics.compact(tenant, 100_000)) > 0) {
        folded += n;
      }
      vacuumAnalyze(db);
      report.note(String.format(
          Locale.ROOT,
          "analytics: %,d leads for one tenant generated and %,d counter changes compacted in %.1f s; p50 of %d runs per report"
              + " after %d warm-up; baseline = the same aggregate in SQL over crm_lead",
          leads, folded, (System.nanoTime() - started) / 1e9, runs, warmups));

      Instant from = now.minus(Duration.ofDays(366));
      Object id = tenant.value();
      List<Line> lines = new ArrayList<>();
      lines.add(compare(tx, tenant, runs, warmups, "counts-by-status", analytics::countsByStatus,
          "select status, count(*) from crm_lead where tenant_id = ? group by status order by status", id));
      lines.add(compare(tx, tenant, runs, warmups, "counts-by-source", analytics::countsBySource,
          "select source, count(*) from crm_lead where tenant_id = ? group by source order by source", id));
      lines.add(compare(tx, tenant, runs, warmups, "counts-by-score-band", analytics::countsByScoreBand,
          "select case when b = 9 then '90-100' else (b * 10) || '-' || (b * 10 + 9) end, n from ("
              + " select least(score / 10, 9) b, count(*) n from crm_lead where tenant_id = ? group by b) bands order by b", id));
      lines.add(compare(tx, tenant, runs, warmups, "counts-by-owner", analytics::countsByOwner,
          "select coalesce(owner, '(none)') o, count(*) from crm_lead where tenant_id = ? group by o order by o", id));
      for (ReportPeriod period : ReportPeriod.values()) {
        String unit = period.name().toLowerCase(Locale.ROOT);
        lines.add(compare(tx, tenant, runs, warmups, "counts-by-" + unit,
            t -> analytics.countsByPeriod(t, period, from, now),
            "select d::date::text, n from (select date_trunc('" + unit + "', created_at at time zone 'UTC') d, count(*) n"
                + " from crm_lead where tenant_id = ? and created_at >= ? and created_at < ? group by d) periods order by d",
            id, from.atOffset(ZoneOffset.UTC), now.atOffset(ZoneOffset.UTC)));
      }
      lines.add(compareFunnel(tx, tenant, runs, warmups, analytics));

      // what the counters cost writers: lead creation through the service with and without the triggers
      LeadService service = LeadService.builder(tx).clock(clock).build();
      double[] withTriggers = new double[4];
      double[] withoutTriggers = new double[4];
      for (int round = 0; round < 8; round++) {
        boolean triggers = round % 2 == 0;
        setRollupTriggers(db, triggers);
        long t0 = System.nanoTime();
        for (int i = 0; i < perRound; i++) {
          int k = round * perRound + i;
          service.create(tenant, Lead.builder(tenant, clock).name("Fresh " + k).email("fresh" + k + "@bench.example")
              .source(LeadSource.values()[k % LeadSource.values().length]).build());
        }
        (triggers ? withTriggers : withoutTriggers)[round / 2] = (System.nanoTime() - t0) / 1e6 / perRound;
      }
      setRollupTriggers(db, true);
      // the leads created without triggers are repaired into the counters, as an operator would
      analytics.rebuild(tenant);
      // changes made through the service and not compacted yet: reports add them to the counters
      lines.add(compare(tx, tenant, runs, warmups, "counts-by-status-with-pending", analytics::countsByStatus,
          "select status, count(*) from crm_lead where tenant_id = ? group by status order by status", id));
      lines.add(new Line("lead-create-with-rollup-triggers", median(withTriggers), median(withoutTriggers), true));
      report.note("analytics: lead-create-with-rollup-triggers is ms per lead created through LeadService, baseline with the"
          + " counter triggers disabled (" + (4 * perRound) + " leads each)");

      List<String> differing = new ArrayList<>();
      for (Line l : lines) {
        report.figure(Figure.of("analytics-" + l.name, l.p50, "ms", l.baseline));
        if (!l.same) {
          differing.add(l.name);
        }
      }
      if (!differing.isEmpty()) {
        throw new IllegalStateException("reports and raw SQL disagree: " + differing);
      }
    } finally {
      SharedPostgres.get().dropDatabase(db);
    }
  }

  private record Line(String name, double p50, double baseline, boolean same) {}

  private static Line compare(
      Transactions tx, TenantId tenant, int runs, int warmups, String name,
      java.util.function.Function<TenantId, List<CountBucket>> report, String sql, Object... params) {
    List<CountBucket> viaReport = report.apply(tenant);
    List<CountBucket> viaSql = raw(tx, tenant, sql, params);
    double[] times = alternate(runs, warmups, () -> report.apply(tenant), () -> raw(tx, tenant, sql, params));
    return new Line(name, times[0], times[1], viaReport.equals(viaSql));
  }

  private static Line compareFunnel(Transactions tx, TenantId tenant, int runs, int warmups, LeadAnalytics analytics) {
    Object id = tenant.value();
    Supplier<Object> sql = () -> tx.inTenantJdbc(tenant, c -> {
      List<Object> out = new ArrayList<>();
      out.add(rows(c, "select furthest_stage, count(*) from crm_lead where tenant_id = ? group by furthest_stage", id));
      out.add(rows(c, "select source, count(*) filter (where status = 'WON'), count(*) from crm_lead"
          + " where tenant_id = ? and status in ('WON', 'LOST') group by source", id));
      out.add(rows(c, "select from_status, sum(floor(extract(epoch from (changed_at - entered_from)) * 1000))::bigint, count(*)"
          + " from crm_lead_status_change where tenant_id = ? group by from_status", id));
      return out;
    });
    double[] times = alternate(runs, warmups, () -> analytics.funnel(tenant), sql);
    return new Line("funnel", times[0], times[1], true);
  }

  /** Runs both sides alternately ({@code warmups} rounds, then {@code runs}) and returns both medians in ms. */
  private static double[] alternate(int runs, int warmups, Supplier<?> report, Supplier<?> sql) {
    for (int i = 0; i < warmups; i++) {
      report.get();
      sql.get();
    }
    double[] a = new double[runs];
    double[] b = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      report.get();
      long t1 = System.nanoTime();
      sql.get();
      long t2 = System.nanoTime();
      a[i] = (t1 - t0) / 1e6;
      b[i] = (t2 - t1) / 1e6;
    }
    return new double[] {median(a), median(b)};
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static List<CountBucket> raw(Transactions tx, TenantId tenant, String sql, Object... params) {
    return tx.inTenantJdbc(tenant, c -> {
      List<CountBucket> out = new ArrayList<>();
      for (Object[] row : rows(c, sql, params)) {
        out.add(new CountBucket(String.valueOf(row[0]), ((Number) row[1]).longValue()));
      }
      return out;
    });
  }

  private static List<Object[]> rows(Connection c, String sql, Object... params) throws SQLException {
    List<Object[]> out = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        p.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = p.executeQuery()) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          Object[] row = new Object[n];
          for (int k = 0; k < n; k++) {
            row[k] = rs.getObject(k + 1);
          }
          out.add(row);
        }
      }
    }
    return out;
  }

  /** Inserts leads set-based in chunks (one transaction each), then one status change per lead past NEW. */
  private static void generate(Transactions tx, TenantId tenant, int count, Instant now) {
    String leadsSql =
        "insert into crm_lead (id, tenant_id, name, email, company, source, owner, status, status_since, furthest_stage,"
            + " score, priority, scored_at, created_at, updated_at)"
            + " select gen_random_uuid(), ?, 'Lead ' || g, 'lead' || g || '@bench.example',"
            + "  case when r2 < 0.7 then 'Company ' || (g % 5000) end,"
            + "  (array['WEBSITE','REFERRAL','SOCIAL_MEDIA','EMAIL','PAID_ADS','EVENT','COLD_OUTREACH','PARTNER','OTHER'])[1 + floor(r4 * 9)::int],"
            + "  case when r2 < 0.1 then null else 'owner-' || floor(r2 * 40)::int end,"
            + "  status, created + interval '1 hour' * floor(r2 * 200), "
            + "  case status when 'NEW' then 0 when 'CONTACTED' then 1 when 'QUALIFIED' then 2 when 'PROPOSAL' then 3"
            + "   when 'NEGOTIATION' then 4 when 'WON' then 5 when 'LOST' then 1 + floor(r2 * 4)::int else 1 end,"
            + "  score, case when score >= 80 then 'HOT' when score >= 50 then 'WARM' else 'COLD' end, created, created, created"
            + " from (select g, r2, r4, floor(r3 * 101)::int score, ?::timestamptz - interval '1 second' * floor(r5 * 31536000) created,"
            + "   case when r1 < .30 then 'NEW' when r1 < .50 then 'CONTACTED' when r1 < .62 then 'QUALIFIED'"
            + "    when r1 < .70 then 'PROPOSAL' when r1 < .75 then 'NEGOTIATION' when r1 < .83 then 'WON'"
            + "    when r1 < .95 then 'LOST' else 'UNQUALIFIED' end status"
            + "  from (select g, random() r1, random() r2, random() r3, random() r4, random() r5 from generate_series(?, ?) g) r) x";
    for (int start = 1; start <= count; start += CHUNK) {
      int from = start;
      int to = Math.min(count, start + CHUNK - 1);
      tx.inTenantJdbc(tenant, c -> {
        try (Statement s = c.createStatement()) {
          s.execute("select setseed(" + (from % 1000) / 1000.0 + ")");
        }
        try (PreparedStatement p = c.prepareStatement(leadsSql)) {
          p.setObject(1, tenant.value());
          p.setObject(2, now.atOffset(ZoneOffset.UTC));
          p.setInt(3, from);
          p.setInt(4, to);
          return p.executeUpdate();
        }
      });
    }
    tx.inTenantJdbc(tenant, c -> {
      try (PreparedStatement p = c.prepareStatement(
          "insert into crm_lead_status_change (id, tenant_id, lead_id, from_status, to_status, changed_by, changed_at, entered_from)"
              + " select gen_random_uuid(), tenant_id, id, 'NEW', status, 'bench', status_since, created_at"
              + " from crm_lead where tenant_id = ? and status <> 'NEW'")) {
        p.setObject(1, tenant.value());
        return p.executeUpdate();
      }
    });
  }

  private static void setRollupTriggers(TestDatabase db, boolean enabled) {
    String verb = enabled ? "enable" : "disable";
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      for (String t : List.of("crm_lead_rollup_insert", "crm_lead_rollup_update", "crm_lead_rollup_delete")) {
        s.execute("alter table crm_lead " + verb + " trigger " + t);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void vacuumAnalyze(TestDatabase db) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("vacuum analyze crm_lead");
      s.execute("vacuum analyze crm_lead_status_change");
      s.execute("vacuum analyze crm_lead_rollup");
      s.execute("vacuum analyze crm_lead_rollup_delta");
    }
  }
}
