package dev.bizo.crm.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.core.TenantId;
import dev.bizo.crm.Lead;
import dev.bizo.crm.LeadSource;
import dev.bizo.crm.LeadStatus;
import dev.bizo.crm.StoredLead;
import dev.bizo.crm.analytics.CountBucket;
import dev.bizo.crm.analytics.FunnelReport;
import dev.bizo.crm.analytics.LeadJourney;
import dev.bizo.crm.analytics.ReportPeriod;
import dev.bizo.crm.analytics.StageConversion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LeadAnalyticsIT extends CrmDatabase {

  private TenantId t;
  private TenantId other;
  private Instant start;
  private final List<StoredLead> created = new ArrayList<>();

  /** Paths through the pipeline; each step takes a different number of hours. */
  private static final List<List<LeadStatus>> PATHS =
      List.of(
          List.of(),
          List.of(LeadStatus.CONTACTED),
          List.of(LeadStatus.CONTACTED, LeadStatus.QUALIFIED),
          List.of(LeadStatus.CONTACTED, LeadStatus.QUALIFIED, LeadStatus.PROPOSAL, LeadStatus.WON),
          List.of(LeadStatus.CONTACTED, LeadStatus.QUALIFIED, LeadStatus.PROPOSAL, LeadStatus.NEGOTIATION, LeadStatus.WON),
          List.of(LeadStatus.CONTACTED, LeadStatus.LOST),
          List.of(LeadStatus.UNQUALIFIED),
          List.of(LeadStatus.CONTACTED, LeadStatus.QUALIFIED, LeadStatus.PROPOSAL, LeadStatus.NEGOTIATION,
              LeadStatus.PROPOSAL, LeadStatus.LOST),
          List.of(LeadStatus.CONTACTED, LeadStatus.LOST, LeadStatus.CONTACTED, LeadStatus.QUALIFIED));

  @BeforeAll
  void fixture() {
    t = newTenant();
    other = newTenant();
    start = clock.instant();
    LeadSource[] sources = {LeadSource.WEBSITE, LeadSource.REFERRAL, LeadSource.EVENT};
    for (int i = 0; i < 27; i++) {
      Lead.Builder b =
          Lead.builder(t, clock).name("Lead " + i).email("l" + i + "@analytics.test")
              .source(sources[i % 3]).owner(i % 4 == 0 ? null : "owner-" + (i % 2));
      if (i % 2 == 0) {
        b.company("Co " + i);
      }
      created.add(leads.create(t, b.build()));
      clock.advance(Duration.ofHours(7 + i));
    }
    for (int i = 0; i < created.size(); i++) {
      int step = 0;
      for (LeadStatus to : PATHS.get(i % PATHS.size())) {
        clock.advance(Duration.ofMinutes(30L * (i + 1) + 17L * step++));
        leads.changeStatus(t, created.get(i).id(), to, "user-" + (i % 3));
      }
    }
    // noise in another tenant that must not show up
    for (int i = 0; i < 5; i++) {
      StoredLead l = leads.create(other, Lead.builder(other, clock).name("Other " + i).source(LeadSource.WEBSITE).build());
      leads.changeStatus(other, l.id(), LeadStatus.LOST, "x");
    }
  }

  @Test
  void the_sql_funnel_equals_the_in_memory_reference_on_the_same_leads() {
    List<LeadJourney> journeys = new ArrayList<>();
    for (StoredLead l : created) {
      journeys.add(new LeadJourney(l.id(), l.lead().source(), l.lead().createdAt(), leads.statusHistory(t, l.id())));
    }
    FunnelReport reference = FunnelReport.of(journeys);

    FunnelReport sql = analytics.funnel(t);

    assertThat(sql.conversions()).isEqualTo(reference.conversions());
    assertThat(sql.winRateBySource()).isEqualTo(reference.winRateBySource());
    assertThat(sql.averageTimeInStage()).isEqualTo(reference.averageTimeInStage());
    assertThat(sql.conversions().get(0)).isEqualTo(new StageConversion(LeadStatus.NEW, LeadStatus.CONTACTED, 27, 21));
    assertThat(sql.winRateBySource()).isNotEmpty();
  }

  @Test
  void counts_by_status_source_owner_band_and_period() {
    assertThat(analytics.countsBySource(t))
        .containsExactly(new CountBucket("EVENT", 9), new CountBucket("REFERRAL", 9), new CountBucket("WEBSITE", 9));
    long[] byStatus = new long[LeadStatus.values().length];
    for (int i = 0; i < 27; i++) {
      List<LeadStatus> path = PATHS.get(i % PATHS.size());
      byStatus[(path.isEmpty() ? LeadStatus.NEW : path.get(path.size() - 1)).ordinal()]++;
    }
    List<CountBucket> expectedStatus = new ArrayList<>();
    for (LeadStatus s : LeadStatus.values()) {
      if (byStatus[s.ordinal()] > 0) {
        expectedStatus.add(new CountBucket(s.name(), byStatus[s.ordinal()]));
      }
    }
    expectedStatus.sort(java.util.Comparator.comparing(CountBucket::key));
    assertThat(analytics.countsByStatus(t)).containsExactlyElementsOf(expectedStatus);
    assertThat(analytics.countsByOwner(t))
        .containsExactly(new CountBucket("(none)", 7), new CountBucket("owner-0", 7), new CountBucket("owner-1", 13));
    long withCompany = created.stream().filter(l -> l.lead().company().isPresent()).count();
    assertThat(analytics.countsByScoreBand(t).stream().mapToLong(CountBucket::count).sum()).isEqualTo(27);
    long expectedBands = created.stream().map(l -> Math.min(l.score().value() / 10, 9)).distinct().count();
    assertThat(analytics.countsByScoreBand(t)).hasSize((int) expectedBands);
    assertThat(withCompany).isEqualTo(14);

    Instant end = clock.instant().plus(Duration.ofDays(1));
    List<CountBucket> days = analytics.countsByPeriod(t, ReportPeriod.DAY, start, end);
    assertThat(days.stream().mapToLong(CountBucket::count).sum()).isEqualTo(27);
    assertThat(days.get(0).key()).isEqualTo(start.toString().substring(0, 10));
    List<CountBucket> months = analytics.countsByPeriod(t, ReportPeriod.MONTH, start, end);
    long januaryLeads = created.stream().filter(l -> l.lead().createdAt().toString().startsWith(start.toString().substring(0, 7))).count();
    assertThat(months.get(0)).isEqualTo(new CountBucket(start.toString().substring(0, 8) + "01", januaryLeads));
    List<CountBucket> weeks = analytics.countsByPeriod(t, ReportPeriod.WEEK, start, end);
    assertThat(weeks.stream().mapToLong(CountBucket::count).sum()).isEqualTo(27);
    assertThat(weeks).allSatisfy(w -> assertThat(java.time.LocalDate.parse(w.key()).getDayOfWeek()).isEqualTo(java.time.DayOfWeek.MONDAY));
  }
}
