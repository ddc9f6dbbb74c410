package dev.bizo.crm.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.ValidationException;
import dev.bizo.core.ValidationException.FieldError;
import dev.bizo.crm.ActivityType;
import org.junit.jupiter.api.Test;

class RuleSetJsonTest {

  private static final String VALID =
      "{\"base\": 40, \"groups\": ["
          + "{\"name\": \"fit\", \"cap\": 40, \"fit\": ["
          + "  {\"label\": \"Has a company\", \"field\": \"COMPANY\", \"operator\": \"PRESENT\", \"points\": 20},"
          + "  {\"label\": \"Big\", \"field\": \"company_size\", \"operator\": \"at_least\", \"values\": [\"500\"], \"points\": 10}]},"
          + "{\"name\": \"engagement\", \"cap\": 30, \"engagement\": ["
          + "  {\"label\": \"Email clicks\", \"activity\": \"EMAIL_CLICK\", \"points\": 5, \"halfLifeDays\": 14}]}]}";

  private static ValidationException rejected(String json) {
    try {
      RuleSet.fromJson(json);
    } catch (ValidationException e) {
      return e;
    }
    throw new AssertionError("accepted: " + json);
  }

  @Test
  void parses_a_valid_rule_set() {
    RuleSet rules = RuleSet.fromJson(VALID);
    assertThat(rules.base()).isEqualTo(40);
    assertThat(rules.groups()).extracting(ScoreGroup::name).containsExactly("fit", "engagement");
    assertThat(rules.groups().get(0).fit().get(1).operator()).isEqualTo(FitOperator.AT_LEAST);
    assertThat(rules.groups().get(1).engagement().get(0).activity()).isEqualTo(ActivityType.EMAIL_CLICK);
    assertThat(rules.activityTypes()).containsExactly(ActivityType.EMAIL_CLICK);
  }

  @Test
  void round_trips_through_json() {
    RuleSet rules = RuleSet.fromJson(VALID);
    assertThat(RuleSet.fromJson(rules.toJson())).isEqualTo(rules);
    assertThat(RuleSet.fromJson(RuleSet.defaults().toJson())).isEqualTo(RuleSet.defaults());
    assertThat(RuleSet.fromJson(rules.toJson()).version()).isEqualTo(rules.version());
  }

  @Test
  void refuses_unknown_fields_with_their_path() {
    ValidationException e = rejected(VALID.replace("\"cap\": 30", "\"cap\": 30, \"weight\": 2"));
    assertThat(e.fieldErrors())
        .containsExactly(new FieldError("groups[1].weight", "unknown_field", "unknown property 'weight'"));
  }

  @Test
  void refuses_an_unknown_operator_with_its_path() {
    ValidationException e = rejected(VALID.replace("\"PRESENT\"", "\"LIKE\""));
    assertThat(e.fieldErrors()).singleElement().satisfies(f -> {
      assertThat(f.field()).isEqualTo("groups[0].fit[0].operator");
      assertThat(f.code()).isEqualTo("invalid_value");
    });
  }

  @Test
  void refuses_out_of_range_values_from_the_constructors() {
    ValidationException e = rejected(VALID.replace("\"cap\": 40", "\"cap\": 140"));
    assertThat(e.fieldErrors()).extracting(FieldError::field, FieldError::code)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("groups[0].cap", "out_of_range"));
  }

  @Test
  void refuses_a_negative_half_life_and_a_missing_label() {
    ValidationException e =
        rejected(VALID.replace("\"halfLifeDays\": 14", "\"halfLifeDays\": -1")
            .replace("\"label\": \"Email clicks\", ", ""));
    assertThat(e.fieldErrors()).extracting(FieldError::field)
        .containsExactly("groups[1].engagement[0].label", "groups[1].engagement[0].halfLifeDays");
  }

  @Test
  void refuses_a_status_field_since_scores_must_not_see_status() {
    ValidationException e = rejected(VALID.replace("\"COMPANY\"", "\"STATUS\""));
    assertThat(e.fieldErrors()).extracting(FieldError::field).containsExactly("groups[0].fit[0].field");
  }

  @Test
  void refuses_an_unknown_source_value() {
    String json = "{\"base\":0,\"groups\":[{\"name\":\"s\",\"fit\":[{\"label\":\"x\",\"field\":\"SOURCE\","
        + "\"operator\":\"EQUALS\",\"values\":[\"TELEPATHY\"],\"points\":5}]}]}";
    assertThat(rejected(json).fieldErrors()).extracting(FieldError::code).containsExactly("unknown_source");
  }

  @Test
  void refuses_malformed_json_and_strings_for_numbers() {
    assertThat(rejected("{\"base\": ").fieldErrors()).extracting(FieldError::code)
        .containsExactly("malformed_json");
    assertThat(rejected("{\"base\": \"fifty\"}").fieldErrors()).extracting(FieldError::field)
        .containsExactly("base");
  }

  @Test
  void refuses_duplicate_group_names() {
    String json = "{\"base\":0,\"groups\":[{\"name\":\"a\",\"fit\":[{\"label\":\"x\",\"field\":\"COMPANY\","
        + "\"operator\":\"PRESENT\",\"points\":5}]},{\"name\":\"a\",\"fit\":[{\"label\":\"y\","
        + "\"field\":\"PHONE\",\"operator\":\"PRESENT\",\"points\":5}]}]}";
    assertThat(rejected(json).fieldErrors()).extracting(FieldError::code).containsExactly("duplicate_name");
    assertThatThrownBy(() -> RuleSet.fromJson("null")).isInstanceOf(ValidationException.class);
  }
}
