package dev.bizo.examples.scorer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.core.TenantId;
import dev.bizo.crm.Activity;
import dev.bizo.crm.ActivityType;
import dev.bizo.crm.Lead;
import dev.bizo.crm.LeadSource;
import dev.bizo.crm.scoring.Contribution;
import dev.bizo.crm.scoring.LeadScore;
import dev.bizo.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The B2B fit rules themselves. */
class B2bFitScorerTest {

  private final TenantId tenant = TenantId.generate();
  private final MutableClock clock = MutableClock.startingAtNewYear();
  private final B2bFitScorer scorer = new B2bFitScorer();

  @Test
  void a_referred_founder_of_a_large_company_who_met_sales_is_capped_at_100() {
    Lead lead = Lead.builder(tenant, clock).name("Ada Lovelace").email("ada@engines.example").jobTitle("Founder & CEO")
        .companySize(1500).source(LeadSource.REFERRAL).build();
    List<Activity> met = List.of(Activity.of(ActivityType.MEETING, clock.instant().minus(Duration.ofDays(3))));

    LeadScore score = scorer.score(lead, met, clock);

    assertThat(score.value()).isEqualTo(100);
    assertThat(score.contributions()).containsExactly(
        new Contribution("Baseline", 10),
        new Contribution("Company of 1000+ people", 30),
        new Contribution("Decision maker (Founder & CEO)", 25),
        new Contribution("Work e-mail (engines.example)", 15),
        new Contribution("Came by referral", 15),
        new Contribution("Meetings in the last 30 days (1)", 10),
        new Contribution("Capped at 100", -5));
  }

  @Test
  void a_junior_contact_with_a_personal_address_scores_low() {
    Lead lead = Lead.builder(tenant, clock).name("Sam Intern").email("sam@gmail.com").jobTitle("Marketing Intern")
        .source(LeadSource.PAID_ADS).build();

    LeadScore score = scorer.score(lead, List.of(), clock);

    assertThat(score.value()).isEqualTo(5);
    assertThat(score.topNegative(1)).containsExactly(new Contribution("Junior title (Marketing Intern)", -10));
  }

  @Test
  void titles_match_whole_words_only() {
    Lead director = Lead.builder(tenant, clock).name("A").jobTitle("Art Director").build();
    Lead notAVp = Lead.builder(tenant, clock).name("B").jobTitle("MVP Evangelist").build();

    assertThat(scorer.score(director, List.of(), clock).contributions())
        .contains(new Contribution("Senior title (Art Director)", 20));
    assertThat(scorer.score(notAVp, List.of(), clock).value()).isEqualTo(10);
  }

  @Test
  void engagement_counts_only_inside_its_windows_and_up_to_its_caps() {
    Lead lead = Lead.builder(tenant, clock).name("Grace Hopper").build();
    List<Activity> activities = List.of(
        Activity.of(ActivityType.MEETING, clock.instant().minus(Duration.ofDays(1))),
        Activity.of(ActivityType.MEETING, clock.instant().minus(Duration.ofDays(2))),
        Activity.of(ActivityType.MEETING, clock.instant().minus(Duration.ofDays(3))),
        Activity.of(ActivityType.MEETING, clock.instant().minus(Duration.ofDays(31))),
        Activity.of(ActivityType.PAGE_VIEW, clock.instant().minus(Duration.ofDays(13))),
        Activity.of(ActivityType.EMAIL_CLICK, clock.instant().minus(Duration.ofDays(15))));

    LeadScore score = scorer.score(lead, activities, clock);

    assertThat(score.contributions()).containsExactly(
        new Contribution("Baseline", 10),
        new Contribution("Meetings in the last 30 days (3)", 20),
        new Contribution("Activity in the last 14 days (1)", 2));
  }
}
