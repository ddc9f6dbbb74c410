package dev.bizo.crm.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.core.TenantId;
import dev.bizo.crm.Lead;
import dev.bizo.crm.LeadLifecycle;
import dev.bizo.crm.LeadSource;
import dev.bizo.crm.LeadStatus;
import dev.bizo.crm.StatusChange;
import dev.bizo.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FunnelReportTest {

  private final TenantId tenant = TenantId.generate();
  private final MutableClock clock = MutableClock.startingAtNewYear();

  /** Walks a fresh lead through the given statuses, one day per step. */
  private LeadJourney journey(LeadSource source, LeadStatus... path) {
    Lead lead = Lead.builder(tenant, clock).name("x").source(source).build();
    List<StatusChange> changes = new ArrayList<>();
    for (LeadStatus next : path) {
      clock.advance(Duration.ofDays(1));
      LeadLifecycle.Transition t = LeadLifecycle.move(lead, next, "rep", clock);
      lead = t.lead();
      changes.add(t.change());
    }
    return new LeadJourney(lead.id(), source, lead.createdAt(), changes);
  }

  @Test
  void computes_conversion_win_rate_and_time_in_stage() {
    List<LeadJourney> journeys = List.of(
        journey(LeadSource.REFERRAL, LeadStatus.CONTACTED, LeadStatus.QUALIFIED, LeadStatus.PROPOSAL, LeadStatus.WON),
        journey(LeadSource.REFERRAL, LeadStatus.CONTACTED, LeadStatus.QUALIFIED, LeadStatus.PROPOSAL,
            LeadStatus.NEGOTIATION, LeadStatus.LOST),
        journey(LeadSource.WEBSITE, LeadStatus.CONTACTED, LeadStatus.LOST),
        journey(LeadSource.WEBSITE));

    FunnelReport report = FunnelReport.of(journeys);

    assertThat(report.conversions()).extracting(StageConversion::reachedFrom, StageConversion::reachedTo)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(4L, 3L),
            org.assertj.core.groups.Tuple.tuple(3L, 2L),
            org.assertj.core.groups.Tuple.tuple(2L, 2L),
            org.assertj.core.groups.Tuple.tuple(2L, 2L),
            org.assertj.core.groups.Tuple.tuple(2L, 1L));
    assertThat(report.conversions().get(0).rate()).isEqualTo(0.75);
    assertThat(report.winRate(LeadSource.REFERRAL)).contains(0.5);
    assertThat(report.winRate(LeadSource.WEBSITE)).contains(0.0);
    assertThat(report.winRate(LeadSource.EVENT)).isEmpty();
    assertThat(report.averageTimeInStage()).containsEntry(LeadStatus.NEW, Duration.ofDays(1))
        .containsEntry(LeadStatus.PROPOSAL, Duration.ofDays(1))
        .doesNotContainKey(LeadStatus.WON);
  }

  @Test
  void an_empty_tenant_has_zero_rates() {
    FunnelReport report = FunnelReport.of(List.of());
    assertThat(report.conversions()).hasSize(5).allMatch(c -> c.rate() == 0);
    assertThat(report.winRateBySource()).isEmpty();
  }
}
