package dev.bizo.agents.testing;

import dev.bizo.agents.spi.BrandNote;
import dev.bizo.agents.spi.ChannelStats;
import dev.bizo.agents.spi.LeadFigures;
import dev.bizo.agents.spi.MarketingDataSource;
import dev.bizo.agents.spi.PaymentAnalytics;
import dev.bizo.agents.spi.DayRange;
import dev.bizo.agents.spi.ScoredLead;
import dev.bizo.agents.spi.SegmentStats;
import dev.bizo.core.Money;
import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Test fixture: a small real {@link MarketingDataSource} over in-memory leads, payments and brand notes. It
 * computes analytics by counting the fixture records for the period, and searches notes by word overlap.
 */
public final class FixtureMarketingData implements MarketingDataSource {

  /** A lead record. */
  public record Lead(String id, String name, String segment, String channel, String status, int score,
      List<String> explanations, LocalDate created, boolean converted, boolean qualified) {}

  /** A payment record. */
  public record Payment(String leadId, String channel, Money amount, String outcome, LocalDate on) {}

  private final TenantId tenant;
  private final List<Lead> leads;
  private final List<Payment> payments;
  private final Map<String, String> notes;

  /**
   * Data of one tenant.
   *
   * @param tenant the tenant that owns it
   * @param leads leads
   * @param payments payments (outcome SUCCEEDED, FAILED or REFUNDED)
   * @param notes brand notes by id
   */
  public FixtureMarketingData(TenantId tenant, List<Lead> leads, List<Payment> payments, Map<String, String> notes) {
    this.tenant = tenant;
    this.leads = List.copyOf(leads);
    this.payments = List.copyOf(payments);
    this.notes = Map.copyOf(notes);
  }

  /**
   * The standard fixture: January 2026, three channels, three segments, five leads, brand notes for "Acme".
   *
   * @param tenant the tenant
   * @return the data
   */
  public static FixtureMarketingData standard(TenantId tenant) {
    LocalDate d = LocalDate.of(2026, 1, 10);
    List<Lead> leads = List.of(
        new Lead("L-1", "Ada Bakery", "smb-retail", "email", "NEW", 91,
            List.of("opened 5 of the last 6 emails", "visited pricing twice"), d, true, true),
        new Lead("L-2", "Bolt Garage", "smb-services", "paid-search", "CONTACTED", 64,
            List.of("requested a demo"), d.plusDays(2), true, true),
        new Lead("L-3", "Cora Studio", "smb-retail", "email", "NEW", 42,
            List.of("single visit from newsletter"), d.plusDays(3), false, false),
        new Lead("L-4", "Dune Logistics", "mid-market", "referral", "QUALIFIED", 77,
            List.of("referred by a customer", "company size 200"), d.plusDays(5), false, true),
        new Lead("L-5", "Echo Cafe", "smb-retail", "paid-search", "NEW", 18,
            List.of("bounced from landing page"), d.minusMonths(2), false, false));
    List<Payment> payments = List.of(
        new Payment("L-1", "email", Money.of("1200.00", "EUR"), "SUCCEEDED", d.plusDays(4)),
        new Payment("L-2", "paid-search", Money.of("400.00", "EUR"), "SUCCEEDED", d.plusDays(6)),
        new Payment("L-2", "paid-search", Money.of("400.00", "EUR"), "FAILED", d.plusDays(5)),
        new Payment("L-2", "paid-search", Money.of("50.00", "EUR"), "REFUNDED", d.plusDays(9)));
    Map<String, String> notes = Map.of(
        "N-1", "Acme invoicing saves small retailers four hours a week on bookkeeping.",
        "N-2", "Our voice is warm, plain and confident; we never use jargon or exclamation marks.",
        "N-3", "Acme invoicing is free for the first 30 days and needs no credit card.",
        "N-4", "The warehouse team prefers pallets stacked by weight.");
    return new FixtureMarketingData(tenant, leads, payments, notes);
  }

  private void requireTenant(TenantId asked) {
    if (!tenant.equals(asked)) {
      throw new dev.bizo.core.ForbiddenException("tenant.mismatch", "fixture data belongs to another tenant");
    }
  }

  private static boolean in(DayRange p, LocalDate d) {
    return !d.isBefore(p.from()) && !d.isAfter(p.to());
  }

  @Override
  public LeadFigures leadAnalytics(TenantId asked, DayRange period) {
    requireTenant(asked);
    List<Lead> inPeriod = leads.stream().filter(l -> in(period, l.created())).toList();
    List<ChannelStats> channels = new ArrayList<>();
    inPeriod.stream().map(Lead::channel).distinct().sorted().forEach(channel -> {
      List<Lead> of = inPeriod.stream().filter(l -> l.channel().equals(channel)).toList();
      Money revenue = payments.stream()
          .filter(p -> p.channel().equals(channel) && p.outcome().equals("SUCCEEDED") && in(period, p.on()))
          .map(Payment::amount).reduce(Money.zero(Money.currency("EUR")), Money::plus);
      channels.add(new ChannelStats(channel, of.size(), (int) of.stream().filter(Lead::converted).count(),
          revenue));
    });
    List<SegmentStats> segments = new ArrayList<>();
    leads.stream().map(Lead::segment).distinct().sorted().forEach(segment -> {
      List<Lead> of = leads.stream().filter(l -> l.segment().equals(segment)).toList();
      segments.add(new SegmentStats(segment, of.size(), of.stream().mapToInt(Lead::score).average().orElse(0)));
    });
    return new LeadFigures(period, inPeriod.size(), (int) inPeriod.stream().filter(Lead::qualified).count(),
        (int) inPeriod.stream().filter(Lead::converted).count(), channels, segments);
  }

  @Override
  public PaymentAnalytics paymentAnalytics(TenantId asked, DayRange period) {
    requireTenant(asked);
    Money zero = Money.zero(Money.currency("EUR"));
    List<Payment> inPeriod = payments.stream().filter(p -> in(period, p.on())).toList();
    Money gross = inPeriod.stream().filter(p -> p.outcome().equals("SUCCEEDED")).map(Payment::amount)
        .reduce(zero, Money::plus);
    Money refunded = inPeriod.stream().filter(p -> p.outcome().equals("REFUNDED")).map(Payment::amount)
        .reduce(zero, Money::plus);
    return new PaymentAnalytics(period, gross, count(inPeriod, "SUCCEEDED"), count(inPeriod, "FAILED"),
        count(inPeriod, "REFUNDED"), refunded);
  }

  private static int count(List<Payment> payments, String outcome) {
    return (int) payments.stream().filter(p -> p.outcome().equals(outcome)).count();
  }

  @Override
  public List<ScoredLead> topScoredLeads(TenantId asked, int limit) {
    requireTenant(asked);
    if (limit < 1) {
      throw ValidationException.ofField("limit", "limit.too_small", "limit must be at least 1");
    }
    return leads.stream().filter(l -> !l.converted())
        .sorted(Comparator.comparingInt(Lead::score).reversed()).limit(limit)
        .map(l -> new ScoredLead(l.id(), l.name(), l.segment(), l.status(), l.score(), l.explanations()))
        .toList();
  }

  @Override
  public List<BrandNote> searchBrandNotes(TenantId asked, String query, int limit) {
    requireTenant(asked);
    if (limit < 1) {
      throw ValidationException.ofField("limit", "limit.too_small", "limit must be at least 1");
    }
    Set<String> queryWords = words(query);
    List<BrandNote> found = new ArrayList<>();
    notes.forEach((id, text) -> {
      Set<String> noteWords = words(text);
      Set<String> common = new HashSet<>(noteWords);
      common.retainAll(queryWords);
      if (!common.isEmpty()) {
        found.add(new BrandNote(id, text, Math.min(1.0, (double) common.size() / Math.max(1, queryWords.size()))));
      }
    });
    found.sort(Comparator.comparingDouble(BrandNote::relevance).reversed().thenComparing(BrandNote::id));
    return found.stream().limit(limit).toList();
  }

  private static Set<String> words(String text) {
    Set<String> words = new HashSet<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
      if (w.length() > 3) {
        words.add(w);
      }
    }
    return words;
  }
}
