package dev.bizo.server.payments;

import dev.bizo.core.ValidationException;
import dev.bizo.payments.PaymentGrouping;
import dev.bizo.payments.PaymentReport;
import dev.bizo.payments.PaymentService;
import dev.bizo.payments.PaymentTotals;
import dev.bizo.server.BizoApplication;
import dev.bizo.server.api.EnumParameters;
import dev.bizo.server.api.InstantParameters;
import dev.bizo.server.auth.Caller;
import dev.bizo.server.auth.InCallerTenant;
import dev.bizo.server.auth.Requires;
import dev.bizo.server.payments.PaymentViews.MoneyView;
import dev.bizo.tenancy.Permission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code GET /analytics/payments}: the tenant's payments of a period summed per currency, never converted and
 * never leaving a currency out, over {@link PaymentService#report}.
 */
@Path("/analytics/payments")
// One instance: it holds only injected beans (the caller through its request-scoped proxy).
@ApplicationScoped
@InCallerTenant
@SecurityRequirement(name = BizoApplication.BEARER)
public class PaymentAnalyticsResource {

  /** The longest period one report covers. */
  static final Duration MAX_PERIOD = Duration.ofDays(731);

  /**
   * The report.
   *
   * @param from first instant counted (ISO-8601)
   * @param to first instant no longer counted
   * @param groupBy {@code status}, {@code gateway} or {@code day}
   * @param zone the zone of the days
   * @param currencies one entry per currency that has a payment in the period
   */
  public record PaymentReportView(String from, String to, String groupBy, String zone, List<CurrencyView> currencies) {}

  /**
   * One currency's figures: every amount in it.
   *
   * @param currency ISO 4217 code
   * @param total all its payments of the period
   * @param groups the same split by the report's grouping
   */
  public record CurrencyView(String currency, TotalsView total, List<TotalsView> groups) {}

  /**
   * The payments of one group.
   *
   * @param key a status, a gateway id, an ISO date, or {@code total}
   * @param payments how many
   * @param amount what they asked for
   * @param captured what successful purchases and captures took
   * @param refunded what successful refunds gave back
   * @param net captured minus refunded
   */
  public record TotalsView(String key, long payments, MoneyView amount, MoneyView captured, MoneyView refunded, MoneyView net) {
    static TotalsView of(PaymentTotals t) {
      return new TotalsView(t.key(), t.payments(), MoneyView.of(t.amount()), MoneyView.of(t.captured()),
          MoneyView.of(t.refunded()), MoneyView.of(t.net()));
    }
  }

  @Inject Caller caller;
  @Inject PaymentService payments;
  @Inject Clock clock;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(operationId = "getPaymentReport", summary = "Payments created between from (inclusive) and to (exclusive), default the last 30 days, summed per currency and "
      + "grouped by status, gateway or day (in zone, default UTC): counts, amounts, captured, refunded and net; never converted")
  @Requires(Permission.DATA_READ)
  public PaymentReportView report(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("groupBy") String groupBy,
      @QueryParam("zone") String zone) {
    PaymentGrouping by = groupBy == null || groupBy.isBlank()
        ? PaymentGrouping.STATUS : EnumParameters.parse(PaymentGrouping.class, "groupBy", groupBy);
    ZoneId zoneId = zone(zone);
    Instant before = InstantParameters.parse("to", to).orElseGet(clock::instant);
    Instant since = InstantParameters.parse("from", from).orElse(before.minus(Duration.ofDays(30)));
    if (Duration.between(since, before).compareTo(MAX_PERIOD) > 0) {
      throw ValidationException.ofField("from", "period.too_long", "one report covers at most " + MAX_PERIOD.toDays() + " days");
    }
    PaymentReport report = payments.report(caller.tenant(), since, before, by, zoneId);
    return new PaymentReportView(since.toString(), before.toString(), by.name(), zoneId.getId(), report.currencies().stream()
        .map(c -> new CurrencyView(c.currency().getCurrencyCode(), TotalsView.of(c.total()), c.groups().stream().map(TotalsView::of).toList()))
        .toList());
  }

  private static ZoneId zone(String zone) {
    if (zone == null || zone.isBlank()) {
      return ZoneOffset.UTC;
    }
    try {
      return ZoneId.of(zone.strip());
    } catch (DateTimeException e) {
      throw ValidationException.ofField("zone", "zone.unknown", "unknown time zone '" + zone + "', e.g. Europe/Berlin or +02:00");
    }
  }
}
