package dev.bizo.server.agents;

import dev.bizo.agents.spi.BrandNote;
import dev.bizo.agents.spi.ChannelStats;
import dev.bizo.agents.spi.LeadAnalytics;
import dev.bizo.agents.spi.MarketingDataSource;
import dev.bizo.agents.spi.PaymentAnalytics;
import dev.bizo.agents.spi.ReportPeriod;
import dev.bizo.agents.spi.ScoredLead;
import dev.bizo.agents.spi.SegmentStats;
import dev.bizo.core.Money;
import dev.bizo.core.TenantId;
import dev.bizo.crm.LeadQuery;
import dev.bizo.crm.LeadService;
import dev.bizo.crm.LeadSort;
import dev.bizo.crm.LeadSource;
import dev.bizo.crm.LeadStatus;
import dev.bizo.crm.StoredLead;
import dev.bizo.crm.scoring.Contribution;
import dev.bizo.payments.PaymentPage;
import dev.bizo.payments.PaymentQuery;
import dev.bizo.payments.PaymentService;
import dev.bizo.payments.PaymentStatus;
import dev.bizo.payments.PaymentSummary;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the agents read, from this platform's CRM and payments: lead figures and top leads from
 * {@link LeadService}, revenue from {@link PaymentService}. The platform keeps no brand notes yet, so
 * their search finds nothing and the content agents work from the task alone.
 */
final class PlatformMarketingData implements MarketingDataSource {

  /** Payments read per report; beyond this a report covers the first ones of the period. */
  private static final int MAX_PAYMENTS = 2000;

  private final LeadService leads;
  private final PaymentService payments;
  private final String reportingCurrency;

  PlatformMarketingData(LeadService leads, PaymentService payments, String reportingCurrency) {
    this.leads = leads;
    this.payments = payments;
    this.reportingCurrency = reportingCurrency;
  }

  @Override
  public LeadAnalytics leadAnalytics(TenantId tenant, ReportPeriod period) {
    Instant from = period.from().atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant before = period.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    int created = 0;
    int qualified = 0;
    int won = 0;
    Map<LeadSource, int[]> bySource = new LinkedHashMap<>();
    Map<String, int[]> byIndustry = new LinkedHashMap<>();
    Optional<String> cursor = Optional.empty();
    do {
      LeadQuery.Builder query = LeadQuery.builder().created(from, before).limit(LeadQuery.MAX_LIMIT);
      cursor.ifPresent(query::after);
      var page = leads.query(tenant, query.build());
      for (StoredLead stored : page.leads()) {
        created++;
        LeadStatus status = stored.lead().status();
        boolean isQualified = EnumSet.of(LeadStatus.QUALIFIED, LeadStatus.PROPOSAL, LeadStatus.NEGOTIATION, LeadStatus.WON).contains(status);
        qualified += isQualified ? 1 : 0;
        won += status == LeadStatus.WON ? 1 : 0;
        int[] channel = bySource.computeIfAbsent(stored.lead().source(), s -> new int[2]);
        channel[0]++;
        channel[1] += status == LeadStatus.WON ? 1 : 0;
        int[] segment = byIndustry.computeIfAbsent(stored.lead().industry().orElse("unknown"), s -> new int[2]);
        segment[0]++;
        segment[1] += stored.score().value();
      }
      cursor = page.nextCursor();
    } while (cursor.isPresent());
    Money zero = Money.ofMinor(0, reportingCurrency);
    List<ChannelStats> channels = new ArrayList<>();
    bySource.forEach((source, n) -> channels.add(new ChannelStats(source.name(), n[0], n[1], zero)));
    List<SegmentStats> segments = new ArrayList<>();
    byIndustry.forEach((industry, n) -> segments.add(new SegmentStats(industry, n[0], n[0] == 0 ? 0 : (double) n[1] / n[0])));
    return new LeadAnalytics(period, created, qualified, won, channels, segments);
  }

  @Override
  public PaymentAnalytics paymentAnalytics(TenantId tenant, ReportPeriod period) {
    Instant from = period.from().atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant before = period.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Money gross = Money.ofMinor(0, reportingCurrency);
    Money refundedAmount = Money.ofMinor(0, reportingCurrency);
    int succeeded = 0;
    int failed = 0;
    int refunded = 0;
    int read = 0;
    Optional<String> cursor = Optional.empty();
    do {
      PaymentQuery.Builder query = PaymentQuery.builder().limit(PaymentQuery.MAX_LIMIT);
      cursor.ifPresent(query::after);
      PaymentPage page = payments.list(tenant, query.build());
      for (PaymentSummary p : page.items()) {
        read++;
        if (p.createdAt().isBefore(from) || !p.createdAt().isBefore(before)
            || !p.amount().currency().getCurrencyCode().equals(reportingCurrency)) {
          continue;
        }
        if (p.status() == PaymentStatus.CAPTURED || p.status() == PaymentStatus.PARTIALLY_REFUNDED || p.status() == PaymentStatus.REFUNDED) {
          succeeded++;
          gross = gross.plus(p.amount());
        }
        if (p.status() == PaymentStatus.DECLINED || p.status() == PaymentStatus.FAILED) {
          failed++;
        }
        if (p.status() == PaymentStatus.REFUNDED) {
          refunded++;
          refundedAmount = refundedAmount.plus(p.amount());
        } else if (p.status() == PaymentStatus.PARTIALLY_REFUNDED) {
          refunded++;
        }
      }
      cursor = page.nextCursor();
    } while (cursor.isPresent() && read < MAX_PAYMENTS);
    return new PaymentAnalytics(period, gross, succeeded, failed, refunded, refundedAmount);
  }

  @Override
  public List<ScoredLead> topScoredLeads(TenantId tenant, int limit) {
    LeadQuery query = LeadQuery.builder()
        .statuses(EnumSet.complementOf(EnumSet.of(LeadStatus.WON, LeadStatus.LOST, LeadStatus.UNQUALIFIED)))
        .sort(LeadSort.SCORE, true)
        .limit(Math.min(limit, LeadQuery.MAX_LIMIT))
        .build();
    return leads.query(tenant, query).leads().stream()
        .map(s -> new ScoredLead(
            s.id().toString(), s.lead().name(), s.lead().industry().orElse(s.lead().source().name()), s.lead().status().name(),
            s.score().value(), s.score().contributions().stream().map(PlatformMarketingData::explain).toList()))
        .toList();
  }

  @Override
  public List<BrandNote> searchBrandNotes(TenantId tenant, String query, int limit) {
    return List.of();
  }

  private static String explain(Contribution c) {
    return c.label() + " (" + (c.points() >= 0 ? "+" : "") + c.points() + ")";
  }
}
