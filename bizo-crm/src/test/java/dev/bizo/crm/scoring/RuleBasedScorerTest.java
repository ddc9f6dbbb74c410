package dev.bizo.crm.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.crm.Activity;
import dev.bizo.crm.ActivityType;
import dev.bizo.crm.Lead;
import dev.bizo.crm.LeadSource;
import dev.bizo.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class RuleBasedScorerTest {

  private final TenantId tenant = TenantId.generate();
  private final MutableClock clock = MutableClock.startingAtNewYear();
  private final RuleBasedScorer seeds = RuleBasedScorer.withDefaults();

  private Lead lead(String company, String title, LeadSource source) {
    return Lead.builder(tenant, clock).name("Test Lead").company(company).jobTitle(title).source(source).build();
  }

  /** The seeds' formula, written out independently of the rule engine. */
  private static int seedsFormula(boolean company, String title, LeadSource source) {
    int perSource;
    switch (source) {
      case REFERRAL:
        perSource = 15;
        break;
      case WEBSITE:
      case EVENT:
      case PARTNER:
        perSource = 10;
        break;
      case SOCIAL_MEDIA:
      case EMAIL:
      case PAID_ADS:
        perSource = 5;
        break;
      default:
        perSource = 0;
    }
    int score = 50 + (company ? 20 : 0)
        + (title != null && title.toLowerCase().contains("ceo") ? 20 : 0) + perSource;
    return Math.min(100, score);
  }

  static Stream<Arguments> seedCases() {
    List<Arguments> cases = new ArrayList<>();
    String[] companies = {null, "Acme"};
    String[] titles = {null, "CEO", "Co-founder & ceo", "Engineer", "Chief Executive"};
    for (LeadSource source : LeadSource.values()) {
      for (String company : companies) {
        for (String title : titles) {
          cases.add(Arguments.of(company, title, source));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} / {1} / {2}")
  @MethodSource("seedCases")
  void default_rules_reproduce_the_seeds_formula(String company, String title, LeadSource source) {
    Lead lead = lead(company, title, source);
    LeadScore score = seeds.score(lead, List.of(), clock);
    assertThat(score.value()).isEqualTo(seedsFormula(company != null, title, source));
    assertThat(seeds.scoreValue(lead, List.of(), clock)).isEqualTo(score.value());
  }

  @Test
  void seeds_numbers_spelled_out() {
    assertThat(seeds.score(lead(null, null, LeadSource.OTHER), List.of(), clock).value()).isEqualTo(50);
    assertThat(seeds.score(lead("Acme", null, LeadSource.COLD_OUTREACH), List.of(), clock).value()).isEqualTo(70);
    assertThat(seeds.score(lead("Acme", "CEO", LeadSource.OTHER), List.of(), clock).value()).isEqualTo(90);
    assertThat(seeds.score(lead("Acme", "Engineer", LeadSource.WEBSITE), List.of(), clock).value()).isEqualTo(80);
    assertThat(seeds.score(lead(null, "ceo", LeadSource.PAID_ADS), List.of(), clock).value()).isEqualTo(75);
    assertThat(seeds.score(lead("Acme", "CEO", LeadSource.SOCIAL_MEDIA), List.of(), clock).value()).isEqualTo(95);
  }

  @Test
  void the_seeds_cap_at_100_shows_as_its_own_line() {
    LeadScore score = seeds.score(lead("Acme", "CEO", LeadSource.REFERRAL), List.of(), clock);
    assertThat(score.value()).isEqualTo(100);
    assertThat(score.contributions())
        .containsExactly(
            new Contribution("Base score", 50),
            new Contribution("Has a company", 20),
            new Contribution("Title contains \"ceo\"", 20),
            new Contribution("Source REFERRAL", 15),
            new Contribution("Capped at 100", -5));
    assertThat(score.topNegative(5)).containsExactly(new Contribution("Capped at 100", -5));
    assertThat(score.topPositive(2))
        .extracting(Contribution::points)
        .containsExactly(50, 20);
  }

  @Test
  void default_source_points_are_the_documented_ones() {
    assertThat(RuleSet.DEFAULT_SOURCE_POINTS)
        .containsEntry(LeadSource.REFERRAL, 15)
        .containsEntry(LeadSource.WEBSITE, 10)
        .containsEntry(LeadSource.EVENT, 10)
        .containsEntry(LeadSource.PARTNER, 10)
        .containsEntry(LeadSource.SOCIAL_MEDIA, 5)
        .containsEntry(LeadSource.EMAIL, 5)
        .containsEntry(LeadSource.PAID_ADS, 5)
        .containsEntry(LeadSource.COLD_OUTREACH, 0)
        .containsEntry(LeadSource.OTHER, 0)
        .hasSize(LeadSource.values().length);
  }

  private RuleBasedScorer clicks(Integer cap) {
    return new RuleBasedScorer(
        RuleSet.builder()
            .base(20)
            .group("engagement", cap, List.of(),
                List.of(EngagementRule.of("Email clicks", ActivityType.EMAIL_CLICK, 8, 7)))
            .build());
  }

  @Test
  void engagement_halves_every_half_life_under_the_injected_clock() {
    RuleBasedScorer scorer = clicks(null);
    List<Activity> one = List.of(Activity.of(ActivityType.EMAIL_CLICK, clock.instant()));
    assertThat(scorer.score(lead(null, null, LeadSource.OTHER), one, clock).value()).isEqualTo(28);
    clock.advance(Duration.ofDays(7));
    assertThat(scorer.score(lead(null, null, LeadSource.OTHER), one, clock).value()).isEqualTo(24);
    clock.advance(Duration.ofDays(7));
    assertThat(scorer.score(lead(null, null, LeadSource.OTHER), one, clock).value()).isEqualTo(22);
    clock.advance(Duration.ofDays(56));
    LeadScore faded = scorer.score(lead(null, null, LeadSource.OTHER), one, clock);
    assertThat(faded.value()).isEqualTo(20);
    assertThat(faded.contributions()).containsExactly(new Contribution("Base score", 20));
  }

  @Test
  void other_activity_types_do_not_count() {
    List<Activity> views = List.of(Activity.of(ActivityType.PAGE_VIEW, clock.instant()));
    assertThat(clicks(null).score(lead(null, null, LeadSource.OTHER), views, clock).value()).isEqualTo(20);
  }

  @Test
  void a_group_cap_cuts_engagement_and_says_so() {
    List<Activity> many = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      many.add(Activity.of(ActivityType.EMAIL_CLICK, clock.instant()));
    }
    LeadScore score = clicks(30).score(lead(null, null, LeadSource.OTHER), many, clock);
    assertThat(score.value()).isEqualTo(50);
    assertThat(score.contributions())
        .containsExactly(
            new Contribution("Base score", 20),
            new Contribution("Email clicks (5)", 40),
            new Contribution("engagement capped at 30", -10));
  }

  @Test
  void fractional_decayed_points_still_add_up_exactly() {
    RuleBasedScorer scorer =
        new RuleBasedScorer(
            RuleSet.builder()
                .base(10)
                .engagement("e", 100,
                    EngagementRule.of("Clicks", ActivityType.EMAIL_CLICK, 3.3, 1.7),
                    EngagementRule.of("Views", ActivityType.PAGE_VIEW, 1.1, 0.9),
                    EngagementRule.of("Calls", ActivityType.CALL, -2.6, 5))
                .build());
    for (int h = 0; h < 200; h += 7) {
      List<Activity> acts = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        acts.add(Activity.of(ActivityType.values()[i % 7], clock.instant().minus(Duration.ofHours(h + i * 13L))));
      }
      LeadScore s = scorer.score(lead(null, null, LeadSource.OTHER), acts, clock);
      assertThat(s.contributions().stream().mapToInt(Contribution::points).sum()).isEqualTo(s.value());
    }
  }

  @Test
  void negative_totals_floor_at_zero_with_a_line() {
    RuleBasedScorer harsh =
        new RuleBasedScorer(
            RuleSet.builder()
                .base(10)
                .fit("fit", FitRule.of("No company", LeadField.COMPANY, FitOperator.ABSENT, -40))
                .build());
    LeadScore score = harsh.score(lead(null, null, LeadSource.OTHER), List.of(), clock);
    assertThat(score.value()).isZero();
    assertThat(score.contributions()).contains(new Contribution("Floored at 0", 30));
  }

  @ParameterizedTest
  @EnumSource(LeadSource.class)
  void source_equality_rules_match_only_their_source(LeadSource source) {
    RuleBasedScorer scorer =
        new RuleBasedScorer(
            RuleSet.builder()
                .base(0)
                .fit("s", FitRule.of("Event", LeadField.SOURCE, FitOperator.EQUALS, 10, "event"))
                .build());
    assertThat(scorer.score(lead(null, null, source), List.of(), clock).value())
        .isEqualTo(source == LeadSource.EVENT ? 10 : 0);
  }

  @Test
  void company_size_and_tag_rules_apply() {
    RuleBasedScorer scorer =
        new RuleBasedScorer(
            RuleSet.builder()
                .base(0)
                .fit("fit",
                    FitRule.of("Mid-market", LeadField.COMPANY_SIZE, FitOperator.AT_LEAST, 100, "200"),
                    FitRule.of("VIP", LeadField.TAG, FitOperator.EQUALS, 10, "vip"))
                .build());
    Lead big = Lead.builder(tenant, clock).name("x").companySize(200).tags(List.of("VIP")).build();
    Lead small = Lead.builder(tenant, clock).name("x").companySize(199).build();
    assertThat(scorer.score(big, List.of(), clock).value()).isEqualTo(100);
    assertThat(scorer.score(small, List.of(), clock).value()).isZero();
  }

  @Test
  void the_version_changes_with_the_rules() {
    RuleSet other = RuleSet.builder().base(51).build();
    assertThat(new RuleBasedScorer(other).version()).isNotEqualTo(seeds.version());
    assertThat(RuleBasedScorer.withDefaults().version()).isEqualTo(seeds.version()).startsWith("r-");
  }

  @Test
  void builder_refuses_bad_rules() {
    assertThatThrownBy(() -> FitRule.of("Big", LeadField.JOB_TITLE, FitOperator.AT_LEAST, 5, "10"))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.fieldErrors()).extracting(ValidationException.FieldError::code)
                .containsExactly("not_numeric"));
    assertThatThrownBy(() -> EngagementRule.of("x", ActivityType.CALL, 5, 0))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.fieldErrors()).extracting(ValidationException.FieldError::field)
                .containsExactly("halfLifeDays"));
    assertThatThrownBy(() -> RuleSet.builder().base(101).build())
        .isInstanceOf(ValidationException.class);
  }
}
