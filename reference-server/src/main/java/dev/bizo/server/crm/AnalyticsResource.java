package dev.bizo.server.crm;

import dev.bizo.crm.LeadSource;
import dev.bizo.crm.LeadStatus;
import dev.bizo.crm.analytics.CountBucket;
import dev.bizo.crm.analytics.FunnelReport;
import dev.bizo.crm.analytics.LeadAnalytics;
import dev.bizo.crm.analytics.ReportPeriod;
import dev.bizo.server.BizoApplication;
import dev.bizo.server.api.EnumParameters;
import dev.bizo.server.auth.Caller;
import dev.bizo.server.auth.InCallerTenant;
import dev.bizo.server.auth.Requires;
import dev.bizo.tenancy.Permission;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Lead reports of the caller's tenant, computed in the database. */
@Path("/analytics/leads")
@RequestScoped
@InCallerTenant
@SecurityRequirement(name = BizoApplication.BEARER)
public class AnalyticsResource {

  /** What a report can be grouped by. */
  public enum GroupBy {
    STATUS, SOURCE, OWNER, SCORE_BAND, PRIORITY, DAY, WEEK, MONTH
  }

  /**
   * A lead report.
   *
   * @param groupBy what the buckets are
   * @param from start of the period (for DAY, WEEK, MONTH)
   * @param to end of the period, exclusive
   * @param total the sum of the buckets
   * @param buckets one count per key
   * @param funnel stage conversion rates, e.g. {@code NEW->CONTACTED: 0.5}
   * @param winRateBySource won / (won + lost) per source
   * @param averageDaysInStage average time a lead spends in each stage
   */
  public record LeadReport(
      String groupBy, String from, String to, long total, List<CountBucket> buckets, Map<String, Double> funnel,
      Map<String, Double> winRateBySource, Map<String, Double> averageDaysInStage) {}

  @Inject Caller caller;
  @Inject LeadAnalytics analytics;
  @Inject Clock clock;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(operationId = "getLeadReport", summary = "Lead counts grouped by status, source, owner, score_band, priority, or day/week/month between from and to; "
      + "with the funnel's conversion and win rates")
  @Requires(Permission.DATA_READ)
  public LeadReport report(@QueryParam("groupBy") String groupBy, @QueryParam("from") String from, @QueryParam("to") String to) {
    GroupBy by = groupBy == null || groupBy.isBlank() ? GroupBy.STATUS : EnumParameters.parse(GroupBy.class, "groupBy", groupBy);
    Instant before = LeadResource.instant("to", to, clock.instant().plus(Duration.ofDays(1)));
    Instant since = LeadResource.instant("from", from, before.minus(Duration.ofDays(30)));
    List<CountBucket> buckets = switch (by) {
      case STATUS -> analytics.countsByStatus(caller.tenant());
      case SOURCE -> analytics.countsBySource(caller.tenant());
      case OWNER -> analytics.countsByOwner(caller.tenant());
      case SCORE_BAND -> analytics.countsByScoreBand(caller.tenant());
      case PRIORITY -> analytics.countsByPriority(caller.tenant());
      case DAY, WEEK, MONTH -> analytics.countsByPeriod(caller.tenant(), ReportPeriod.valueOf(by.name()), since, before);
    };
    FunnelReport funnel = analytics.funnel(caller.tenant());
    Map<String, Double> conversions = new LinkedHashMap<>();
    funnel.conversions().forEach(c -> conversions.put(c.from() + "->" + c.to(), c.rate()));
    Map<String, Double> winRates = new LinkedHashMap<>();
    for (Map.Entry<LeadSource, Double> e : funnel.winRateBySource().entrySet()) {
      winRates.put(e.getKey().name(), e.getValue());
    }
    Map<String, Double> days = new LinkedHashMap<>();
    for (Map.Entry<LeadStatus, Duration> e : funnel.averageTimeInStage().entrySet()) {
      days.put(e.getKey().name(), e.getValue().toMinutes() / 1440.0);
    }
    return new LeadReport(
        by.name(), since.toString(), before.toString(), buckets.stream().mapToLong(CountBucket::count).sum(), buckets,
        conversions, winRates, days);
  }
}
