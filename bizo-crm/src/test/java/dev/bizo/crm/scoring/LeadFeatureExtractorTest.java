package dev.bizo.crm.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.core.TenantId;
import dev.bizo.crm.Activity;
import dev.bizo.crm.ActivityType;
import dev.bizo.crm.Lead;
import dev.bizo.crm.LeadStatus;
import dev.bizo.crm.tck.SampleLeads;
import dev.bizo.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LeadFeatureExtractorTest {

  private final TenantId tenant = TenantId.generate();
  private final MutableClock clock = MutableClock.startingAtNewYear();

  @Test
  void no_feature_is_named_after_status_or_outcome() {
    for (String name : LeadFeatureExtractor.featureNames()) {
      String n = name.toLowerCase(Locale.ROOT);
      assertThat(n).doesNotContain("status").doesNotContain("won").doesNotContain("lost")
          .doesNotContain("stage").doesNotContain("updated");
      for (LeadStatus s : LeadStatus.values()) {
        assertThat(n).doesNotContain(s.name().toLowerCase(Locale.ROOT));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(LeadStatus.class)
  void features_do_not_change_with_status_or_its_update_time(LeadStatus status) {
    List<Lead> leads = SampleLeads.varied(tenant, clock, 30, 4);
    List<Activity> activities = SampleLeads.activities(clock.instant(), 10, 60, 8);
    for (Lead lead : leads) {
      Lead moved = lead.toBuilder().status(status).updatedAt(clock.instant().plus(Duration.ofDays(9))).build();
      assertThat(LeadFeatureExtractor.extract(moved, activities, clock.instant()))
          .containsExactly(LeadFeatureExtractor.extract(lead, activities, clock.instant()));
    }
  }

  @Test
  void activities_after_as_of_are_ignored() {
    Lead lead = SampleLeads.full(tenant, clock);
    List<Activity> before = List.of(Activity.of(ActivityType.MEETING, clock.instant().minus(Duration.ofDays(2))));
    List<Activity> withLater = List.of(before.get(0),
        Activity.of(ActivityType.MEETING, clock.instant().plus(Duration.ofDays(1))));
    assertThat(LeadFeatureExtractor.extract(lead, withLater, clock.instant()))
        .containsExactly(LeadFeatureExtractor.extract(lead, before, clock.instant()));
  }

  @Test
  void describes_fit_source_and_engagement() {
    Lead lead = SampleLeads.full(tenant, clock);
    List<Activity> acts = List.of(
        Activity.of(ActivityType.EMAIL_CLICK, clock.instant().minus(Duration.ofDays(2))),
        Activity.of(ActivityType.EMAIL_CLICK, clock.instant().minus(Duration.ofDays(40))));
    Map<String, Double> f = LeadFeatureExtractor.extractNamed(lead, acts, clock.instant());
    assertThat(f).containsEntry("has_company", 1.0).containsEntry("senior_title", 1.0)
        .containsEntry("source_referral", 1.0).containsEntry("source_website", 0.0)
        .containsEntry("activity_email_click", Math.log1p(2))
        .containsEntry("activities_last_30_days", Math.log1p(1))
        .containsEntry("days_since_last_activity", 2.0)
        .containsEntry("free_mail_domain", 0.0);
    assertThat(f).hasSize(LeadFeatureExtractor.featureNames().size());
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "CEO, 1", "Co-Founder & CEO, 1", "'Vice President, Sales', 1", "VP-Engineering, 1", "Head of Growth, 1",
    "Chief Happiness Officer, 1", "Managing Partner, 1", "Director of Ops, 1", "Partnerships Manager, 0",
    "Ceography Analyst, 0", "Developer, 0", "Headcount planner, 0", "Intern, 0", "'', 0"
  })
  void senior_titles_match_whole_words_only(String title, int senior) {
    Lead lead = Lead.builder(tenant, clock).name("T").jobTitle(title.isEmpty() ? null : title).build();
    assertThat(LeadFeatureExtractor.extractNamed(lead, List.of(), clock.instant()).get("senior_title"))
        .as(title).isEqualTo((double) senior);
  }

  @Test
  void free_mail_recency_and_recent_counts_follow_the_activity_times() {
    Lead free = Lead.builder(tenant, clock).name("F").email("someone@GMAIL.com").build();
    Lead corporate = Lead.builder(tenant, clock).name("C").email("someone@mail.gmail.com.example").build();
    java.time.Instant now = clock.instant();
    List<Activity> activities = List.of(
        Activity.of(ActivityType.CALL, now.minus(Duration.ofDays(30))),
        Activity.of(ActivityType.CALL, now.minus(Duration.ofDays(30)).minusNanos(1)),
        Activity.of(ActivityType.MEETING, now.minus(Duration.ofHours(50)).minusMillis(1)));
    Map<String, Double> f = LeadFeatureExtractor.extractNamed(free, activities, now);
    assertThat(f.get("free_mail_domain")).isEqualTo(1.0);
    assertThat(LeadFeatureExtractor.extractNamed(corporate, activities, now).get("free_mail_domain")).isEqualTo(0.0);
    assertThat(f.get("activities_last_30_days")).as("the 30-day boundary is inclusive").isEqualTo(Math.log1p(2));
    assertThat(f.get("days_since_last_activity")).as("whole hours, then days").isEqualTo(50 / 24d);
    assertThat(f.get("activity_call")).isEqualTo(Math.log1p(2));
  }
}
