package dev.bizo.crm.analytics;

import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.crm.LeadSource;
import dev.bizo.crm.LeadStatus;
import dev.bizo.tenancy.Transactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Lead reports computed in the database with set-based SQL, one statement each, for one tenant. Every
 * statement is filtered by row-level security to the tenant and served by indexes leading with
 * {@code tenant_id}; each also names the tenant explicitly, because the row-level-security policy alone
 * (tenant OR system scope) does not let the planner use those indexes. The funnel reads two values kept up to date on each status change (the lead's
 * furthest stage, and when it entered the stage it leaves), so it needs no per-lead history walk.
 *
 * <p>The results equal {@link FunnelReport#of(List)} over the same leads' journeys.
 */
public final class LeadAnalytics {

  private final Transactions tx;

  /** Reports over {@code transactions}. */
  public LeadAnalytics(Transactions transactions) {
    this.tx = Objects.requireNonNull(transactions, "transactions");
  }

  /** Leads per status, by status name. */
  public List<CountBucket> countsByStatus(TenantId tenant) {
    return grouped(tenant, "select status, count(*) from crm_lead where tenant_id = ? group by status order by status", List.of(tenant.value()));
  }

  /** Leads per source, by source name. */
  public List<CountBucket> countsBySource(TenantId tenant) {
    return grouped(tenant, "select source, count(*) from crm_lead where tenant_id = ? group by source order by source", List.of(tenant.value()));
  }

  /** Leads per owner; leads without an owner count under {@code "(none)"}. */
  public List<CountBucket> countsByOwner(TenantId tenant) {
    return grouped(
        tenant,
        "select coalesce(owner, '(none)') o, count(*) from crm_lead where tenant_id = ? group by o order by o",
        List.of(tenant.value()));
  }

  /** Leads per ten-point score band, keys {@code "0-9"} … {@code "90-100"}, lowest first. */
  public List<CountBucket> countsByScoreBand(TenantId tenant) {
    return grouped(
        tenant,
        "select case when b = 9 then '90-100' else (b * 10) || '-' || (b * 10 + 9) end, n from ("
            + " select least(score / 10, 9) b, count(*) n from crm_lead where tenant_id = ? group by b) bands order by b",
        List.of(tenant.value()));
  }

  /** Leads per priority band (HOT, WARM, COLD) as scored. */
  public List<CountBucket> countsByPriority(TenantId tenant) {
    return grouped(tenant, "select priority, count(*) from crm_lead where tenant_id = ? group by priority order by priority", List.of(tenant.value()));
  }

  /**
   * Leads created per day, ISO week or month (UTC) in [from, before); keys are the period's first day
   * ({@code 2026-01-05}); empty periods are left out.
   */
  public List<CountBucket> countsByPeriod(TenantId tenant, ReportPeriod period, Instant from, Instant before) {
    Objects.requireNonNull(period, "period");
    if (!from.isBefore(before)) {
      throw ValidationException.ofField("from", "empty_range", "from must be before before");
    }
    String unit = period.name().toLowerCase(Locale.ROOT);
    return grouped(
        tenant,
        "select d::date::text, n from (select date_trunc('" + unit + "', created_at at time zone 'UTC') d, count(*) n"
            + " from crm_lead where tenant_id = ? and created_at >= ? and created_at < ? group by d) periods order by d",
        List.of(tenant.value(), from.atOffset(ZoneOffset.UTC), before.atOffset(ZoneOffset.UTC)));
  }

  /**
   * The funnel: how many leads reached each pipeline stage and moved on to the next, the win rate per
   * source among closed (WON or LOST) leads, and the average time spent in each status before leaving it.
   */
  public FunnelReport funnel(TenantId tenant) {
    return tx.inTenantJdbc(
        tenant,
        c -> {
          long[] atStage = new long[FunnelReport.PIPELINE.size()];
          try (PreparedStatement p = tenantStatement(c, "select furthest_stage, count(*) from crm_lead where tenant_id = ? group by furthest_stage", tenant);
              ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
              atStage[rs.getInt(1)] = rs.getLong(2);
            }
          }
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
          Map<LeadSource, Double> winRates = new EnumMap<>(LeadSource.class);
          try (PreparedStatement p =
                  tenantStatement(
                      c,
                      "select source, count(*) filter (where status = 'WON'), count(*) from crm_lead"
                          + " where tenant_id = ? and status in ('WON', 'LOST') group by source", tenant);
              ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
              winRates.put(LeadSource.valueOf(rs.getString(1)), (double) rs.getLong(2) / rs.getLong(3));
            }
          }
          Map<LeadStatus, Duration> averages = new EnumMap<>(LeadStatus.class);
          try (PreparedStatement p =
                  tenantStatement(
                      c,
                      "select from_status, sum(floor(extract(epoch from (changed_at - entered_from)) * 1000))::bigint, count(*)"
                          + " from crm_lead_status_change where tenant_id = ? group by from_status", tenant);
              ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
              averages.put(LeadStatus.valueOf(rs.getString(1)), Duration.ofMillis(rs.getLong(2) / rs.getLong(3)));
            }
          }
          return new FunnelReport(conversions, winRates, averages);
        });
  }

  private static PreparedStatement tenantStatement(java.sql.Connection c, String sql, TenantId tenant)
      throws java.sql.SQLException {
    PreparedStatement p = c.prepareStatement(sql);
    p.setObject(1, tenant.value());
    return p;
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
