package dev.bizo.agents.data;

import dev.bizo.agents.spi.BrandNote;
import dev.bizo.agents.spi.ChannelStats;
import dev.bizo.agents.spi.DayRange;
import dev.bizo.agents.spi.LeadFigures;
import dev.bizo.agents.spi.MarketingDataSource;
import dev.bizo.agents.spi.PaymentAnalytics;
import dev.bizo.agents.spi.ScoredLead;
import dev.bizo.agents.spi.SegmentStats;
import dev.bizo.core.Money;
import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.crm.LeadPage;
import dev.bizo.crm.LeadQuery;
import dev.bizo.crm.LeadService;
import dev.bizo.crm.LeadSort;
import dev.bizo.crm.LeadSource;
import dev.bizo.crm.LeadStatus;
import dev.bizo.crm.analytics.CohortReport;
import dev.bizo.crm.analytics.IndustryCohort;
import dev.bizo.crm.analytics.LeadAnalytics;
import dev.bizo.crm.analytics.SourceCohort;
import dev.bizo.crm.scoring.Contribution;
import dev.bizo.payments.PaymentGrouping;
import dev.bizo.payments.PaymentReport;
import dev.bizo.payments.PaymentService;
import dev.bizo.payments.PaymentStatus;
import dev.bizo.payments.PaymentTotals;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@link MarketingDataSource} over the real modules: leads, statuses and scores from the CRM's
 * {@link LeadService}, revenue from {@link PaymentService}, and brand notes from {@link BrandNotes} (the CRM's
 * embeddings). Only public APIs of those modules are used, always in the caller's tenant.
 *
 * <pre>{@code
 * MarketingDataSource data = CrmPaymentsMarketingData.builder(leadService, paymentService, brandNotes)
 *     .currency("EUR").zone(ZoneId.of("Europe/Berlin")).build();
 * AgentRuntime runtime = AgentRuntime.builder(data).config(config).build();
 * }</pre>
 *
 * <p>How the figures are defined (a cohort view: what the period brought in, and how far it has come):
 * <ul>
 *   <li>new leads: created in the period (days in {@link Builder#zone}); qualified: of those, now at
 *       QUALIFIED or further along the pipeline (PROPOSAL, NEGOTIATION, WON); converted: of those, now WON;</li>
 *   <li>channels: those leads by CRM source ({@code paid-ads}, {@code email}, ...). Payments are not linked to
 *       leads, so channel revenue is zero and the strategist splits budgets by conversions instead;</li>
 *   <li>segments: those leads by industry ({@code unknown} without one) with their mean current score;</li>
 *   <li>payments: created in the period, in every currency; succeeded means captured (also when later
 *       refunded); gross revenue is their captured amount, in the reporting currency at the configured
 *       {@link Builder#conversionRate rates}; refunds are counted on those payments. Revenue in a currency
 *       without a rate is reported in its own currency, apart from the sums.</li>
 * </ul>
 * Lead figures come from the CRM's pre-aggregated cohort counters ({@link LeadAnalytics#cohort}), so they cost
 * the same however many leads the tenant has; payment figures are one grouped query of the period's payments
 * ({@link PaymentService#report}). Thread-safe.
 */
public final class CrmPaymentsMarketingData implements MarketingDataSource {

  private static final Set<LeadStatus> OPEN = EnumSet.of(LeadStatus.NEW, LeadStatus.CONTACTED, LeadStatus.QUALIFIED,
      LeadStatus.PROPOSAL, LeadStatus.NEGOTIATION);
  private static final Set<PaymentStatus> CAPTURED = EnumSet.of(PaymentStatus.CAPTURED,
      PaymentStatus.PARTIALLY_REFUNDED, PaymentStatus.REFUNDED);
  private static final Set<PaymentStatus> FAILED = EnumSet.of(PaymentStatus.DECLINED, PaymentStatus.FAILED);

  private final LeadService leads;
  private final PaymentService payments;
  private final Optional<BrandNotes> notes;
  private final String currency;
  private final Map<String, BigDecimal> rates;
  private final ZoneId zone;

  private CrmPaymentsMarketingData(Builder b) {
    this.leads = b.leads;
    this.payments = b.payments;
    this.notes = b.notes;
    this.currency = b.currency;
    this.rates = Map.copyOf(b.rates);
    this.zone = b.zone;
  }

  /**
   * Starts a builder.
   *
   * @param leads the CRM's lead service
   * @param payments the payment service
   * @param notes the brand notes
   * @return the builder
   */
  public static Builder builder(LeadService leads, PaymentService payments, BrandNotes notes) {
    return new Builder(leads, payments, Optional.of(Objects.requireNonNull(notes, "notes")));
  }

  /**
   * Starts a builder for an application that keeps no brand notes: their search finds nothing, so the
   * content creator works from its task alone, and no embedding model is loaded.
   *
   * @param leads the CRM's lead service
   * @param payments the payment service
   * @return the builder
   */
  public static Builder builder(LeadService leads, PaymentService payments) {
    return new Builder(leads, payments, Optional.empty());
  }

  @Override
  public LeadFigures leadAnalytics(TenantId tenant, DayRange period) {
    CohortReport cohort = leads.analytics().cohort(tenant, period.from(), period.to(), zone);
    Money zero = Money.ofMinor(0, currency);
    List<ChannelStats> channelStats = new ArrayList<>();
    for (SourceCohort source : cohort.bySource()) {
      channelStats.add(new ChannelStats(channel(source.source()), Math.toIntExact(source.leads()),
          Math.toIntExact(source.converted()), zero));
    }
    channelStats.sort(Comparator.comparing(ChannelStats::channel));
    // industries stored with other case or spacing fall into one segment: leads and score sums add up
    Map<String, long[]> segments = new TreeMap<>();
    for (IndustryCohort industry : cohort.byIndustry()) {
      long[] segment = segments.computeIfAbsent(segment(industry.industry()), k -> new long[2]);
      segment[0] += industry.leads();
      segment[1] += industry.scoreSum();
    }
    List<SegmentStats> segmentStats = new ArrayList<>();
    segments.forEach((name, s) -> segmentStats.add(new SegmentStats(name, Math.toIntExact(s[0]), (double) s[1] / s[0])));
    return new LeadFigures(period, Math.toIntExact(cohort.leads()), Math.toIntExact(cohort.qualified()),
        Math.toIntExact(cohort.converted()), channelStats, segmentStats);
  }

  @Override
  public PaymentAnalytics paymentAnalytics(TenantId tenant, DayRange period) {
    Instant from = period.from().atStartOfDay(zone).toInstant();
    Instant before = period.to().plusDays(1).atStartOfDay(zone).toInstant();
    PaymentReport report = payments.report(tenant, from, before, PaymentGrouping.STATUS, zone);
    Currency reporting = Money.currency(currency);
    Money gross = Money.zero(reporting);
    Money refundedAmount = Money.zero(reporting);
    List<Money> unconverted = new ArrayList<>();
    int succeeded = 0;
    int failed = 0;
    int refunded = 0;
    for (PaymentReport.PerCurrency perCurrency : report.currencies()) {
      Money capturedHere = Money.zero(perCurrency.currency());
      Money refundedHere = Money.zero(perCurrency.currency());
      for (PaymentTotals group : perCurrency.groups()) {
        PaymentStatus status = PaymentStatus.valueOf(group.key());
        int count = Math.toIntExact(group.payments());
        if (FAILED.contains(status)) {
          failed += count;
        } else if (CAPTURED.contains(status)) {
          succeeded += count;
          refunded += status == PaymentStatus.CAPTURED ? 0 : count;
          capturedHere = capturedHere.plus(group.captured());
          refundedHere = refundedHere.plus(group.refunded());
        }
      }
      Optional<BigDecimal> rate = perCurrency.currency().equals(reporting)
          ? Optional.of(BigDecimal.ONE) : Optional.ofNullable(rates.get(perCurrency.currency().getCurrencyCode()));
      if (rate.isPresent()) {
        gross = gross.plus(convert(capturedHere, rate.get(), reporting));
        refundedAmount = refundedAmount.plus(convert(refundedHere, rate.get(), reporting));
      } else if (capturedHere.isPositive()) {
        unconverted.add(capturedHere.minus(refundedHere));
      }
    }
    return new PaymentAnalytics(period, gross, succeeded, failed, refunded, refundedAmount, unconverted);
  }

  private static Money convert(Money amount, BigDecimal rate, Currency to) {
    return Money.of(amount.toDecimal().multiply(rate).setScale(to.getDefaultFractionDigits(), RoundingMode.HALF_EVEN), to);
  }

  @Override
  public List<ScoredLead> topScoredLeads(TenantId tenant, int limit) {
    if (limit < 1) {
      throw ValidationException.ofField("limit", "limit.too_small", "limit must be at least 1");
    }
    LeadPage page = leads.query(tenant, LeadQuery.builder().statuses(OPEN).sort(LeadSort.SCORE, true)
        .limit(Math.min(limit, LeadQuery.MAX_LIMIT)).build());
    return page.leads().stream().map(stored -> new ScoredLead(stored.id().toString(), stored.lead().name(),
        segment(stored.lead().industry()), stored.lead().status().name(), stored.score().value(),
        stored.score().contributions().stream()
            .filter(c -> c.points() != 0)
            .sorted(Comparator.comparingInt((Contribution c) -> Math.abs(c.points())).reversed())
            .map(c -> c.label() + " (" + (c.points() > 0 ? "+" : "") + c.points() + ")")
            .toList()))
        .toList();
  }

  @Override
  public List<BrandNote> searchBrandNotes(TenantId tenant, String query, int limit) {
    return notes.map(n -> n.search(tenant, query, limit)).orElse(List.of());
  }

  private static String channel(LeadSource source) {
    return source.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static String segment(Optional<String> industry) {
    return industry.filter(s -> !s.isBlank()).map(s -> s.strip().toLowerCase(Locale.ROOT)).orElse("unknown");
  }

  /** Configures {@link CrmPaymentsMarketingData}. */
  public static final class Builder {
    private final LeadService leads;
    private final PaymentService payments;
    private final Optional<BrandNotes> notes;
    private String currency = "EUR";
    private final Map<String, BigDecimal> rates = new TreeMap<>();
    private ZoneId zone = ZoneOffset.UTC;

    private Builder(LeadService leads, PaymentService payments, Optional<BrandNotes> notes) {
      this.leads = Objects.requireNonNull(leads, "leads");
      this.payments = Objects.requireNonNull(payments, "payments");
      this.notes = notes;
    }

    /**
     * The reporting currency (default EUR). Revenue in other currencies is converted at the rates of
     * {@link #conversionRate}; without a rate it is reported apart, in its own currency
     * ({@link PaymentAnalytics#unconvertedNetRevenue()}), and never dropped.
     *
     * @param code an ISO 4217 code
     * @return this builder
     */
    public Builder currency(String code) {
      this.currency = Money.currency(code).getCurrencyCode();
      return this;
    }

    /**
     * A conversion rate into the reporting currency: one unit of {@code code} is worth {@code rate} units of it,
     * e.g. {@code conversionRate("USD", new BigDecimal("0.92"))} reporting in EUR. Converted sums are rounded half
     * to even to the reporting currency's minor unit, per currency.
     *
     * @param code an ISO 4217 code
     * @param rate a positive rate
     * @return this builder
     */
    public Builder conversionRate(String code, BigDecimal rate) {
      Objects.requireNonNull(rate, "rate");
      if (rate.signum() <= 0) {
        throw ValidationException.ofField("rate", "rate.not_positive", "a conversion rate must be positive");
      }
      rates.put(Money.currency(code).getCurrencyCode(), rate);
      return this;
    }

    /**
     * The zone whose calendar days report periods mean (default UTC). Lead figures need its days to start on a
     * quarter hour of UTC, as they do in every zone in use today (see {@link LeadAnalytics#cohort}).
     *
     * @param value the zone
     * @return this builder
     */
    public Builder zone(ZoneId value) {
      this.zone = Objects.requireNonNull(value, "zone");
      return this;
    }

    /**
     * Builds the adapter.
     *
     * @return the adapter
     */
    public CrmPaymentsMarketingData build() {
      return new CrmPaymentsMarketingData(this);
    }
  }
}
