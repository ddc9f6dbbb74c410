package dev.bizo.crm.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.core.TenantId;
import dev.bizo.crm.Activity;
import dev.bizo.crm.Lead;
import dev.bizo.crm.LeadStatus;
import dev.bizo.crm.scoring.spi.LeadScorer;
import dev.bizo.crm.scoring.Contribution;
import dev.bizo.crm.scoring.LeadScore;
import dev.bizo.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LeadScorer} must do. Extend it and implement {@link #scorer()}; the test jar
 * of {@code bizo-crm} ships it for custom scorers.
 */
public abstract class LeadScorerContract {

  protected final TenantId tenant = TenantId.generate();
  protected MutableClock clock;

  /** The scorer under test; may be created once and reused. */
  protected abstract LeadScorer scorer();

  @BeforeEach
  void startClock() {
    clock = MutableClock.startingAtNewYear();
  }

  private List<Lead> leads() {
    List<Lead> leads = new ArrayList<>(SampleLeads.varied(tenant, clock, 60, 11));
    leads.add(SampleLeads.bare(tenant, clock));
    leads.add(SampleLeads.full(tenant, clock));
    return leads;
  }

  @Test
  void keeps_one_id_and_version_across_every_score_it_gives() {
    String id = scorer().id();
    String version = scorer().version();
    assertThat(id).as("id, the key in Providers and score history").isNotBlank().doesNotContainAnyWhitespaces();
    assertThat(version).isNotBlank();
    int i = 0;
    for (Lead lead : leads()) {
      LeadScore score = scorer().score(lead, SampleLeads.activities(clock.instant(), i % 12, 90, i), clock);
      assertThat(score.scorerId()).as("scorer id recorded for %s", lead).isEqualTo(id);
      assertThat(score.scorerVersion()).as("scorer version recorded for %s", lead).isEqualTo(version);
      i++;
    }
    assertThat(scorer().id()).as("id after scoring").isEqualTo(id);
    assertThat(scorer().version()).as("version after scoring").isEqualTo(version);
  }

  @Test
  void scores_are_between_0_and_100_and_the_explanation_adds_up() {
    int i = 0;
    for (Lead lead : leads()) {
      List<Activity> activities = SampleLeads.activities(clock.instant(), i % 12, 90, i);
      LeadScore score = scorer().score(lead, activities, clock);
      assertThat(score.value()).isBetween(0, 100);
      assertThat(score.contributions().stream().mapToInt(Contribution::points).sum())
          .as("explanation of %s", lead)
          .isEqualTo(score.value());
      i++;
    }
  }

  @Test
  void records_its_id_version_and_the_clock_time() {
    clock.advance(Duration.ofHours(5));
    LeadScore score = scorer().score(SampleLeads.full(tenant, clock), List.of(), clock);
    assertThat(score.scorerId()).isEqualTo(scorer().id());
    assertThat(score.scorerVersion()).isEqualTo(scorer().version());
    assertThat(score.scoredAt()).isEqualTo(clock.instant());
  }

  @Test
  void is_deterministic() {
    Lead lead = SampleLeads.full(tenant, clock);
    List<Activity> activities = SampleLeads.activities(clock.instant(), 9, 30, 3);
    assertThat(scorer().score(lead, activities, clock))
        .isEqualTo(scorer().score(lead, activities, clock));
  }

  @Test
  void ignores_the_lead_status() {
    Lead lead = SampleLeads.full(tenant, clock);
    List<Activity> activities = SampleLeads.activities(clock.instant(), 6, 30, 5);
    LeadScore reference = scorer().score(lead, activities, clock);
    for (LeadStatus status : LeadStatus.values()) {
      Lead moved = lead.toBuilder().status(status).updatedAt(clock.instant().plusSeconds(60)).build();
      assertThat(scorer().score(moved, activities, clock).value()).as("%s", status)
          .isEqualTo(reference.value());
    }
  }

  @Test
  void scores_the_same_lead_alike_in_any_tenant() {
    Lead lead = SampleLeads.full(tenant, clock);
    Lead elsewhere = lead.toBuilder().tenantId(TenantId.generate()).build();
    assertThat(scorer().score(elsewhere, List.of(), clock).value())
        .isEqualTo(scorer().score(lead, List.of(), clock).value());
  }

  @Test
  void top_contributions_are_ordered_and_signed() {
    for (Lead lead : leads()) {
      LeadScore score = scorer().score(lead, SampleLeads.activities(clock.instant(), 5, 60, 9), clock);
      List<Contribution> positive = score.topPositive(3);
      List<Contribution> negative = score.topNegative(3);
      assertThat(positive).allMatch(c -> c.points() > 0).hasSizeLessThanOrEqualTo(3);
      assertThat(negative).allMatch(c -> c.points() < 0).hasSizeLessThanOrEqualTo(3);
      assertThat(positive).isSortedAccordingTo((a, b) -> Integer.compare(b.points(), a.points()));
      assertThat(negative).isSortedAccordingTo((a, b) -> Integer.compare(a.points(), b.points()));
    }
  }

  @Test
  void the_value_only_path_equals_the_explained_score() {
    int i = 0;
    for (Lead lead : leads()) {
      List<Activity> activities = SampleLeads.activities(clock.instant(), i % 15, 120, 40 + i);
      assertThat(scorer().scoreValue(lead, activities, clock))
          .as("value of %s", lead)
          .isEqualTo(scorer().score(lead, activities, clock).value());
      i++;
    }
    clock.advance(Duration.ofDays(45));
    Lead lead = SampleLeads.full(tenant, clock);
    List<Activity> old = SampleLeads.activities(clock.instant().minus(Duration.ofDays(45)), 12, 30, 77);
    assertThat(scorer().scoreValue(lead, old, clock)).isEqualTo(scorer().score(lead, old, clock).value());
  }
}
