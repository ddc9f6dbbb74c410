package dev.bizo.crm.analytics;

import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.crm.LeadSource;
import dev.bizo.crm.LeadStatus;
import dev.bizo.tenancy.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Lead reports for one tenant, read from pre-aggregated counters so they cost the same at a million
 * leads as at a hundred. Statement-level triggers on {@code crm_lead} and {@code crm_lead_status_change}
 * record every change as a pending delta in the same transaction as the change (inserts only, so
 * concurrent writers never wait on a shared counter); {@link #compact} folds deltas into the counters
 * on a schedule, and every report adds counters and pending deltas, so it is exact at any moment.
 * Every table is under forced row-level security and every statement also names the tenant, which lets
 * the planner use the {@code (tenant_id, ...)} keys.
 *
 * <p>The results equal {@link FunnelReport#of(List)} over the same leads' journeys, and the plain
 * {@code group by} over {@code crm_lead}. {@link #cohort} reads its own counters, kept per UTC day and per
 * quarter hour of creation, source and industry in the same way ({@code crm_lead_cohort} and its deltas).
 */
public final class LeadAnalytics {

  private final Transactions tx;

  /** Reports over {@code transactions}. */
  public LeadAnalytics(Transactions transactions) {
    this.tx = Objects.requireNonNull(transactions, "transactions");
  }

  /** Leads per status, by status name. */
  public List<CountBucket> countsByStatus(TenantId tenant) {
    return rollup(tenant, "status", "key");
  }

  /** Leads per source, by source name. */
  public List<CountBucket> countsBySource(TenantId tenant) {
    return rollup(tenant, "source", "key");
  }

  /** Leads per owner; leads without an owner count under {@code "(none)"}. */
  public List<CountBucket> countsByOwner(TenantId tenant) {
    return rollup(tenant, "owner", "key");
  }

  /** Leads per ten-point score band, keys {@code "0-9"} … {@code "90-100"}, lowest first. */
  public List<CountBucket> countsByScoreBand(TenantId tenant) {
    List<CountBucket> out = new ArrayList<>();
    for (CountBucket b : rollup(tenant, "band", "key::int")) {
      int band = Integer.parseInt(b.key());
      out.add(new CountBucket(band == 9 ? "90-100" : (band * 10) + "-" + (band * 10 + 9), b.count()));
    }
    return out;
  }

  /** Leads per priority band (HOT, WARM, COLD) as scored. */
  public List<CountBucket> countsByPriority(TenantId tenant) {
    return rollup(tenant, "priority", "key");
  }

  /**
   * Leads created per day, ISO week or month (UTC) in [from, before); keys are the period's first day
   * ({@code 2026-01-05}); empty periods are left out. Whole days come from the daily counters; the
   * partial days at either end of the range are counted from the leads themselves.
   */
  public List<CountBucket> countsByPeriod(TenantId tenant, ReportPeriod period, Instant from, Instant before) {
    Objects.requireNonNull(period, "period");
    if (!from.isBefore(before)) {
      throw ValidationException.ofField("from", "empty_range", "from must be before before");
    }
    String unit = period.name().toLowerCase(Locale.ROOT);
    LocalDate firstWhole = from.atOffset(ZoneOffset.UTC).toLocalDate();
    if (!firstWhole.atStartOfDay(ZoneOffset.UTC).toInstant().equals(from)) {
      firstWhole = firstWhole.plusDays(1);
    }
    LocalDate endWhole = before.atOffset(ZoneOffset.UTC).toLocalDate();
    Instant wholeFrom = firstWhole.atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant wholeBefore = endWhole.atStartOfDay(ZoneOffset.UTC).toInstant();
    if (!wholeFrom.isBefore(wholeBefore)) {
      // less than one whole day: count the leads directly
      wholeFrom = before;
      wholeBefore = before;
      firstWhole = endWhole;
    }
    String sql =
        "select to_char(date_trunc('" + unit + "', d), 'YYYY-MM-DD'), sum(n) from ("
            + " select key::date d, leads n from crm_lead_rollup where tenant_id = ? and dimension = 'day' and key >= ? and key < ?"
            + " union all select key::date, delta from crm_lead_rollup_delta where tenant_id = ? and dimension = 'day' and key >= ? and key < ?"
            + " union all select (created_at at time zone 'UTC')::date, 1 from crm_lead where tenant_id = ?"
            + "   and ((created_at >= ? and created_at < ?) or (created_at >= ? and created_at < ?))"
            + ") x group by 1 having sum(n) <> 0 order by 1";
    String a = firstWhole.toString();
    String b = endWhole.toString();
    return grouped(
        tenant,
        sql,
        List.of(
            tenant.value(), a, b, tenant.value(), a, b, tenant.value(),
            from.atOffset(ZoneOffset.UTC), wholeFrom.atOffset(ZoneOffset.UTC),
            wholeBefore.atOffset(ZoneOffset.UTC), before.atOffset(ZoneOffset.UTC)));
  }

  /**
   * What the days from {@code from} to {@code to} (calendar days in {@code zone}) brought in, and how far it
   * has come: the leads created in them per source and per industry, how many of those are QUALIFIED or
   * further along now and how many are WON now, and the sum of their current scores (see
   * {@link CohortReport}). Read from the cohort counters and their pending deltas, never from the leads:
   * whole UTC days from the day counters, the part-days at either end (in a zone other than UTC) from the
   * quarter-hour counters, each per source and industry. The cost grows with the number of days and not with
   * the number of leads.
   *
   * @param tenant the tenant
   * @param from first day, inclusive
   * @param to last day, inclusive
   * @param zone the zone whose days are meant; its offset from UTC on both ends must be a whole quarter hour,
   *     as for every zone in use today
   * @return the report
   * @throws ValidationException when {@code to} is before {@code from} or a day of the zone does not start on
   *     a quarter hour
   */
  public CohortReport cohort(TenantId tenant, LocalDate from, LocalDate to, ZoneId zone) {
    Objects.requireNonNull(zone, "zone");
    if (to.isBefore(from)) {
      throw ValidationException.ofField("to", "period.reversed", "period ends before it starts");
    }
    Instant start = quarterHour(from.atStartOfDay(zone).toInstant());
    Instant end = quarterHour(to.plusDays(1).atStartOfDay(zone).toInstant());
    // whole UTC days in [start, end) from the day counters, the part-days at either end from the quarter hours
    Instant dayFrom = start.atOffset(ZoneOffset.UTC).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
    if (dayFrom.isBefore(start)) {
      dayFrom = dayFrom.plus(Duration.ofDays(1));
    }
    Instant dayBefore = end.atOffset(ZoneOffset.UTC).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
    if (!dayFrom.isBefore(dayBefore)) {
      dayFrom = end;
      dayBefore = end;
    }
    List<Object> params = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      params.addAll(List.of(tenant.value(), utc(dayFrom), utc(dayBefore)));
      params.addAll(List.of(tenant.value(), utc(start), utc(dayFrom), utc(dayBefore), utc(end)));
    }
    return tx.inTenantJdbc(
        tenant,
        c -> {
          Map<LeadSource, long[]> sources = new EnumMap<>(LeadSource.class);
          Map<String, long[]> industries = new TreeMap<>();
          try (PreparedStatement p =
              c.prepareStatement(
                  "select source, industry, sum(leads), sum(qualified), sum(converted), sum(score_sum) from ("
                      + " select source, industry, leads, qualified, converted, score_sum from crm_lead_cohort"
                      + "  where tenant_id = ? and span = 'day' and starts_at >= ? and starts_at < ?"
                      + " union all select source, industry, leads, qualified, converted, score_sum from crm_lead_cohort"
                      + "  where tenant_id = ? and span = 'quarter'"
                      + "  and ((starts_at >= ? and starts_at < ?) or (starts_at >= ? and starts_at < ?))"
                      + " union all select source, industry, leads, qualified, converted, score_sum from crm_lead_cohort_delta"
                      + "  where tenant_id = ? and applies_to <> 'quarter' and created_quarter >= ? and created_quarter < ?"
                      + " union all select source, industry, leads, qualified, converted, score_sum from crm_lead_cohort_delta"
                      + "  where tenant_id = ? and applies_to <> 'day'"
                      + "  and ((created_quarter >= ? and created_quarter < ?) or (created_quarter >= ? and created_quarter < ?))"
                      + ") x group by source, industry having sum(leads) <> 0")) {
            for (int i = 0; i < params.size(); i++) {
              p.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = p.executeQuery()) {
              while (rs.next()) {
                long leads = rs.getLong(3);
                long[] source = sources.computeIfAbsent(LeadSource.valueOf(rs.getString(1)), k -> new long[3]);
                source[0] += leads;
                source[1] += rs.getLong(4);
                source[2] += rs.getLong(5);
                long[] industry = industries.computeIfAbsent(rs.getString(2), k -> new long[2]);
                industry[0] += leads;
                industry[1] += rs.getLong(6);
              }
            }
          }
          List<SourceCohort> bySource = new ArrayList<>();
          sources.forEach((source, n) -> bySource.add(new SourceCohort(source, n[0], n[1], n[2])));
          List<IndustryCohort> byIndustry = new ArrayList<>();
          industries.forEach((industry, n) -> byIndustry.add(
              new IndustryCohort(industry.isEmpty() ? Optional.empty() : Optional.of(industry), n[0], n[1])));
          return new CohortReport(from, to, zone, bySource, byIndustry);
        });
  }

  /**
   * The funnel: how many leads reached each pipeline stage and moved on to the next, the win rate per
   * source among closed (WON or LOST) leads, and the average time spent in each status before leaving it.
   */
  public FunnelReport funnel(TenantId tenant) {
    return tx.inTenantJdbc(
        tenant,
        c -> {
          Map<String, Map<String, Long>> counts = new HashMap<>();
          try (PreparedStatement p =
              c.prepareStatement(
                  "select dimension, key, sum(n) from ("
                      + " select dimension, key, leads n from crm_lead_rollup where tenant_id = ? and dimension = any (?)"
                      + " union all select dimension, key, delta from crm_lead_rollup_delta where tenant_id = ? and dimension = any (?)"
                      + ") x group by dimension, key having sum(n) <> 0")) {
            java.sql.Array dims = c.createArrayOf("text", new String[] {"stage", "closed", "stage_ms", "stage_moves"});
            p.setObject(1, tenant.value());
            p.setArray(2, dims);
            p.setObject(3, tenant.value());
            p.setArray(4, dims);
            try (ResultSet rs = p.executeQuery()) {
              while (rs.next()) {
                counts.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getLong(3));
              }
            }
          }
          long[] atStage = new long[FunnelReport.PIPELINE.size()];
          counts.getOrDefault("stage", Map.of()).forEach((k, n) -> atStage[Integer.parseInt(k)] = n);
          long[] reached = new long[atStage.length];
          long running = 0;
          for (int i = atStage.length - 1; i >= 0; i--) {
            running += atStage[i];
            reached[i] = running;
          }
          List<StageConversion> conversions = new ArrayList<>();
          for (int i = 0; i + 1 < reached.length; i++) {
            conversions.add(
                new StageConversion(FunnelReport.PIPELINE.get(i), FunnelReport.PIPELINE.get(i + 1), reached[i], reached[i + 1]));
          }
          Map<LeadSource, long[]> closed = new EnumMap<>(LeadSource.class);
          counts.getOrDefault("closed", Map.of()).forEach((k, n) -> {
            int colon = k.indexOf(':');
            long[] wonAndAll = closed.computeIfAbsent(LeadSource.valueOf(k.substring(0, colon)), s -> new long[2]);
            if (k.endsWith(":WON")) {
              wonAndAll[0] += n;
            }
            wonAndAll[1] += n;
          });
          Map<LeadSource, Double> winRates = new EnumMap<>(LeadSource.class);
          closed.forEach((source, wonAndAll) -> winRates.put(source, (double) wonAndAll[0] / wonAndAll[1]));
          Map<LeadStatus, Duration> averages = new EnumMap<>(LeadStatus.class);
          Map<String, Long> millis = counts.getOrDefault("stage_ms", Map.of());
          counts.getOrDefault("stage_moves", Map.of()).forEach((status, moves) ->
              averages.put(LeadStatus.valueOf(status), Duration.ofMillis(millis.getOrDefault(status, 0L) / moves)));
          return new FunnelReport(conversions, winRates, averages);
        });
  }

  /**
   * Folds up to {@code limit} pending counter changes of the tenant into its report counters, first those
   * of the counts and the funnel, then those of the {@link #cohort} counters. Reports
   * are exact without it (they add what is pending), and faster with it; run it on a schedule. Safe to
   * run on several replicas at once: each change is taken by exactly one of them.
   *
   * @return how many pending changes were folded; below {@code limit} means none are left
   */
  public int compact(TenantId tenant, int limit) {
    if (limit <= 0) {
      throw ValidationException.ofField("limit", "not_positive", "limit must be positive");
    }
    return tx.inTenantJdbc(
        tenant,
        c -> {
          int moved = fold(c, tenant, limit,
              "with taken as (select id from crm_lead_rollup_delta where tenant_id = ? order by id limit ? for update skip locked),"
                  + " moved as (delete from crm_lead_rollup_delta d using taken where d.id = taken.id returning d.dimension, d.key, d.delta),"
                  + " summed as (select dimension, key, sum(delta) s, count(*) n from moved group by dimension, key),"
                  + " folded as (insert into crm_lead_rollup (tenant_id, dimension, key, leads)"
                  + "   select ?, dimension, key, s from summed order by dimension, key"
                  + "   on conflict (tenant_id, dimension, key) do update set leads = crm_lead_rollup.leads + excluded.leads)"
                  + " select coalesce(sum(n), 0) from summed",
              "delete from crm_lead_rollup where tenant_id = ? and leads = 0");
          if (moved < limit) {
            moved += compactCohort(c, tenant, limit - moved);
          }
          return moved;
        });
  }

  /**
   * Recomputes the tenant's counters (the cohort counters too) from its leads and status history, e.g. after restoring data
   * behind the triggers' back. One statement with one snapshot records the difference as pending
   * changes, so writes running meanwhile are neither lost nor counted twice.
   *
   * @return how many counters were off
   */
  public int rebuild(TenantId tenant) {
    return tx.inTenantJdbc(
        tenant,
        c -> {
          int off;
          try (PreparedStatement p =
              c.prepareStatement(
                  "insert into crm_lead_rollup_delta (tenant_id, dimension, key, delta)"
                      + " select ?, dimension, key, sum(n) from ("
                      + "  select k.dimension, k.key, 1::bigint n from crm_lead l cross join lateral"
                      + "   crm_lead_rollup_keys(l.status, l.source, l.score, l.priority, l.owner, l.furthest_stage, l.created_at) k"
                      + "   where l.tenant_id = ?"
                      + "  union all select 'stage_ms', from_status, floor(extract(epoch from (changed_at - entered_from)) * 1000)::bigint"
                      + "   from crm_lead_status_change where tenant_id = ?"
                      + "  union all select 'stage_moves', from_status, 1 from crm_lead_status_change where tenant_id = ?"
                      + "  union all select dimension, key, -leads from crm_lead_rollup where tenant_id = ?"
                      + "  union all select dimension, key, -delta from crm_lead_rollup_delta where tenant_id = ?"
                      + " ) x group by dimension, key having sum(n) <> 0")) {
            for (int i = 1; i <= 6; i++) {
              p.setObject(i, tenant.value());
            }
            off = p.executeUpdate();
          }
          try (PreparedStatement p =
              c.prepareStatement(
                  "insert into crm_lead_cohort_delta"
                      + " (tenant_id, applies_to, created_quarter, source, industry, leads, qualified, converted, score_sum)"
                      + " with lead_rows as (select crm_lead_quarter(created_at) q, source, coalesce(industry, '') industry,"
                      + "   1::bigint leads, (status in ('QUALIFIED', 'PROPOSAL', 'NEGOTIATION', 'WON'))::int::bigint qualified,"
                      + "   (status = 'WON')::int::bigint converted, score::bigint score_sum from crm_lead where tenant_id = ?),"
                      + " pending as (select * from crm_lead_cohort_delta where tenant_id = ?),"
                      + " counters as (select * from crm_lead_cohort where tenant_id = ?)"
                      + " select ?, applies_to, q, source, industry, sum(leads), sum(qualified), sum(converted), sum(score_sum)"
                      + " from ("
                      + "  select 'quarter' applies_to, q, source, industry, leads, qualified, converted, score_sum from lead_rows"
                      + "  union all select 'quarter', starts_at, source, industry, -leads, -qualified, -converted, -score_sum"
                      + "   from counters where span = 'quarter'"
                      + "  union all select 'quarter', created_quarter, source, industry, -leads, -qualified, -converted, -score_sum"
                      + "   from pending where applies_to <> 'day'"
                      + "  union all select 'day', crm_lead_utc_day(q), source, industry, leads, qualified, converted, score_sum"
                      + "   from lead_rows"
                      + "  union all select 'day', starts_at, source, industry, -leads, -qualified, -converted, -score_sum"
                      + "   from counters where span = 'day'"
                      + "  union all select 'day', crm_lead_utc_day(created_quarter), source, industry, -leads, -qualified,"
                      + "   -converted, -score_sum from pending where applies_to <> 'quarter'"
                      + " ) x group by applies_to, q, source, industry"
                      + " having sum(leads) <> 0 or sum(qualified) <> 0 or sum(converted) <> 0 or sum(score_sum) <> 0")) {
            for (int i = 1; i <= 4; i++) {
              p.setObject(i, tenant.value());
            }
            off += p.executeUpdate();
          }
          return off;
        });
  }

  /** Folds up to {@code limit} pending cohort changes into the cohort counters; see {@link #compact}. */
  private static int compactCohort(Connection c, TenantId tenant, int limit) throws SQLException {
    return fold(c, tenant, limit,
        "with taken as (select id from crm_lead_cohort_delta where tenant_id = ? order by id limit ? for update skip locked),"
            + " moved as (delete from crm_lead_cohort_delta d using taken where d.id = taken.id"
            + "   returning d.applies_to, d.created_quarter, d.source, d.industry, d.leads, d.qualified, d.converted, d.score_sum),"
            + " spread as (select 'quarter' span, created_quarter starts_at, source, industry, leads, qualified, converted,"
            + "   score_sum from moved where applies_to <> 'day'"
            + "   union all select 'day', crm_lead_utc_day(created_quarter), source, industry, leads, qualified, converted,"
            + "   score_sum from moved where applies_to <> 'quarter'),"
            + " summed as (select span, starts_at, source, industry, sum(leads) leads, sum(qualified) qualified,"
            + "   sum(converted) converted, sum(score_sum) score_sum from spread group by span, starts_at, source, industry),"
            + " folded as (insert into crm_lead_cohort"
            + "   (tenant_id, span, starts_at, source, industry, leads, qualified, converted, score_sum)"
            + "   select ?, span, starts_at, source, industry, leads, qualified, converted, score_sum from summed"
            + "   order by span, starts_at, source, industry"
            + "   on conflict (tenant_id, span, starts_at, source, industry) do update set"
            + "   leads = crm_lead_cohort.leads + excluded.leads, qualified = crm_lead_cohort.qualified + excluded.qualified,"
            + "   converted = crm_lead_cohort.converted + excluded.converted,"
            + "   score_sum = crm_lead_cohort.score_sum + excluded.score_sum)"
            + " select count(*) from moved",
        "delete from crm_lead_cohort where tenant_id = ? and leads = 0 and qualified = 0 and converted = 0 and score_sum = 0");
  }

  /**
   * Runs one fold statement (parameters: tenant, limit, tenant; answers how many changes it folded), then
   * drops the counters it brought to zero ({@code deleteEmpty}, parameter: tenant).
   */
  private static int fold(Connection c, TenantId tenant, int limit, String foldSql, String deleteEmpty)
      throws SQLException {
    int moved;
    try (PreparedStatement p = c.prepareStatement(foldSql)) {
      p.setObject(1, tenant.value());
      p.setInt(2, limit);
      p.setObject(3, tenant.value());
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        moved = rs.getInt(1);
      }
    }
    try (PreparedStatement p = c.prepareStatement(deleteEmpty)) {
      p.setObject(1, tenant.value());
      p.executeUpdate();
    }
    return moved;
  }

  /** {@code instant}, which must start a quarter hour, as the cohort counters do. */
  private static Instant quarterHour(Instant instant) {
    if (instant.getEpochSecond() % 900 != 0 || instant.getNano() != 0) {
      throw ValidationException.ofField(
          "zone", "zone.not_quarter_hour", "the zone's day starts at " + instant + ", not on a quarter hour");
    }
    return instant;
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private List<CountBucket> rollup(TenantId tenant, String dimension, String order) {
    return grouped(
        tenant,
        "select key, sum(n) from ("
            + " select key, leads n from crm_lead_rollup where tenant_id = ? and dimension = ?"
            + " union all select key, delta from crm_lead_rollup_delta where tenant_id = ? and dimension = ?"
            + ") x group by key having sum(n) <> 0 order by " + order,
        List.of(tenant.value(), dimension, tenant.value(), dimension));
  }

  private List<CountBucket> grouped(TenantId tenant, String sql, List<Object> params) {
    return tx.inTenantJdbc(
        tenant,
        c -> {
          List<CountBucket> out = new ArrayList<>();
          try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
              p.setObject(i + 1, params.get(i));
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
}
