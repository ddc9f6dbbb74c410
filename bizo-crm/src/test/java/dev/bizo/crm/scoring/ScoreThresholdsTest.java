package dev.bizo.crm.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.crm.LeadId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScoreThresholdsTest {

  private final TenantId tenant = TenantId.generate();
  private final LeadId lead = LeadId.generate();
  private final ScoreThresholds thresholds = ScoreThresholds.defaults();
  private final Instant at = Instant.parse("2026-01-01T00:00:00Z");

  @ParameterizedTest
  @CsvSource({"0,COLD", "49,COLD", "50,WARM", "79,WARM", "80,HOT", "100,HOT"})
  void bands_follow_the_thresholds(int score, Priority expected) {
    assertThat(thresholds.priorityOf(score)).isEqualTo(expected);
  }

  @Test
  void tenants_set_their_own_bands() {
    ScoreThresholds strict = new ScoreThresholds(70, 95, Map.of());
    assertThat(strict.priorityOf(80)).isEqualTo(Priority.WARM);
    assertThat(new LeadScore(80, List.of(new Contribution("x", 80)), "s", "1", at).priority(strict))
        .isEqualTo(Priority.WARM);
  }

  @Test
  void refuses_inverted_or_out_of_range_thresholds() {
    assertThatThrownBy(() -> new ScoreThresholds(60, 40, Map.of()))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.fieldErrors()).extracting(ValidationException.FieldError::code)
                .containsExactly("below_warm"));
    assertThatThrownBy(() -> new ScoreThresholds(10, 20, Map.of("MQL", 120)))
        .isInstanceOf(ValidationException.class);
  }

  private List<LeadThresholdCrossed> detect(Integer previous, int current) {
    return ScoreThresholdDetector.detect(
        tenant, lead, previous == null ? OptionalInt.empty() : OptionalInt.of(previous), current,
        thresholds, at);
  }

  @Test
  void emits_once_per_upward_crossing() {
    int[] scores = {40, 55, 61, 65, 70, 64, 79};
    List<LeadThresholdCrossed> events = new ArrayList<>();
    Integer previous = null;
    for (int s : scores) {
      events.addAll(detect(previous, s));
      previous = s;
    }
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.milestone()).isEqualTo("MQL");
      assertThat(e.previousScore()).isEqualTo(55);
      assertThat(e.newScore()).isEqualTo(61);
    });
  }

  @Test
  void a_jump_over_two_milestones_emits_both_lowest_first() {
    assertThat(detect(30, 85)).extracting(LeadThresholdCrossed::milestone).containsExactly("MQL", "SQL");
  }

  @Test
  void a_first_score_above_a_milestone_counts_as_crossing() {
    assertThat(detect(null, 60)).extracting(LeadThresholdCrossed::milestone).containsExactly("MQL");
  }

  @Test
  void falling_or_staying_emits_nothing() {
    assertThat(detect(90, 50)).isEmpty();
    assertThat(detect(80, 80)).isEmpty();
    assertThat(detect(60, 79)).isEmpty();
  }

  @Test
  void dropping_below_and_climbing_back_is_a_new_crossing() {
    assertThat(detect(59, 60)).hasSize(1);
  }

  @Test
  void json_round_trips_and_refuses_bad_documents_with_field_errors() {
    ScoreThresholds t = new ScoreThresholds(40, 75, java.util.Map.of("SQL", 85, "MQL", 55));
    assertThat(ScoreThresholds.fromJson(t.toJson())).isEqualTo(t);
    assertThat(ScoreThresholds.fromJson("{\"warmAt\": 1, \"hotAt\": 2, \"milestones\": {\"A\": 3}}").milestones())
        .containsEntry("A", 3);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ScoreThresholds.fromJson("{\"warmAt\": \"x\"}"))
        .isInstanceOf(dev.bizo.core.ValidationException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ScoreThresholds.fromJson("{\"warmAt\": 1, \"hotAt\": 2,"
            + " \"milestones\": {\"bad name!\": 3}}"))
        .isInstanceOfSatisfying(dev.bizo.core.ValidationException.class,
            e -> assertThat(e.fieldErrors()).anySatisfy(f -> assertThat(f.code()).isEqualTo("invalid_name")));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ScoreThresholds.fromJson("not json"))
        .isInstanceOfSatisfying(dev.bizo.core.ValidationException.class,
            e -> assertThat(e.fieldErrors()).anySatisfy(f -> assertThat(f.code()).isEqualTo("malformed_json")));
  }
}
