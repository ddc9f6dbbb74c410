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
}
