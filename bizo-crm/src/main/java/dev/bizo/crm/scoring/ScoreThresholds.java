package dev.bizo.crm.scoring;

import dev.bizo.core.ValidationException;
import dev.bizo.core.ValidationException.FieldError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A tenant's score thresholds: the priority bands and the named milestones whose crossing emits a
 * {@link LeadThresholdCrossed} event (e.g. MQL at 60, SQL at 80).
 *
 * @param warmAt lowest score that is {@link Priority#WARM}
 * @param hotAt lowest score that is {@link Priority#HOT}; at least {@code warmAt}
 * @param milestones milestone name to the lowest score that reaches it, kept in ascending order
 */
public record ScoreThresholds(int warmAt, int hotAt, Map<String, Integer> milestones) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,31}");

  public ScoreThresholds {
    List<FieldError> errors = new ArrayList<>();
    if (warmAt < LeadScore.MIN || warmAt > LeadScore.MAX) {
      errors.add(new FieldError("warmAt", "out_of_range", "warmAt must be 0-100"));
    }
    if (hotAt < LeadScore.MIN || hotAt > LeadScore.MAX) {
      errors.add(new FieldError("hotAt", "out_of_range", "hotAt must be 0-100"));
    }
    if (hotAt < warmAt) {
      errors.add(new FieldError("hotAt", "below_warm", "hotAt must be at least warmAt"));
    }
    if (milestones == null) {
      milestones = Map.of();
    }
    List<Map.Entry<String, Integer>> entries = new ArrayList<>(milestones.entrySet());
    entries.sort(Map.Entry.comparingByValue(java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())));
    Map<String, Integer> sorted = new LinkedHashMap<>();
    for (Map.Entry<String, Integer> e : entries) {
      if (e.getKey() == null || !NAME.matcher(e.getKey()).matches()) {
        errors.add(new FieldError("milestones", "invalid_name", "bad milestone name " + e.getKey()));
      } else if (e.getValue() == null || e.getValue() < 1 || e.getValue() > LeadScore.MAX) {
        errors.add(
            new FieldError("milestones." + e.getKey(), "out_of_range", "milestones must be 1-100"));
      } else {
        sorted.put(e.getKey(), e.getValue());
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    milestones = Collections.unmodifiableMap(sorted);
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      com.fasterxml.jackson.databind.json.JsonMapper.builder()
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .build();

  /**
   * Parses and validates thresholds, e.g. {@code {"warmAt": 50, "hotAt": 80, "milestones": {"MQL": 60}}}.
   *
   * @throws ValidationException one field error per problem; unknown properties are refused with code
   *     {@code unknown_field}, missing ones with {@code invalid_value}
   */
  public static ScoreThresholds fromJson(String json) {
    try {
      ScoreThresholds t = JSON.readValue(json, ScoreThresholds.class);
      if (t == null) {
        throw ValidationException.ofField("$", "required", "thresholds are required");
      }
      return t;
    } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
      throw ValidationException.ofField(
          e.getPropertyName(), "unknown_field", "unknown property '" + e.getPropertyName() + "'");
    } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
      if (e.getCause() instanceof ValidationException) {
        throw (ValidationException) e.getCause();
      }
      String field = e.getPath().isEmpty() || e.getPath().get(0).getFieldName() == null
          ? "$" : e.getPath().get(0).getFieldName();
      throw ValidationException.ofField(field, "invalid_value", e.getOriginalMessage());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw ValidationException.ofField("$", "malformed_json", e.getOriginalMessage());
    }
  }

  /** Canonical JSON; {@link #fromJson(String)} reads it back to equal thresholds. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("thresholds are always serializable", e);
    }
  }

  /** Defaults: WARM from 50, HOT from 80, MQL at 60, SQL at 80. */
  public static ScoreThresholds defaults() {
    return new ScoreThresholds(50, 80, Map.of("MQL", 60, "SQL", 80));
  }

  /** The band a score falls in. */
  public Priority priorityOf(int score) {
    if (score >= hotAt) {
      return Priority.HOT;
    }
    return score >= warmAt ? Priority.WARM : Priority.COLD;
  }
}
