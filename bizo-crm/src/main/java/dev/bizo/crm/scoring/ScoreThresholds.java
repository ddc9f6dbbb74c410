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
    List<Map.Entry<String, Integer>> entries = new ArrayList<>(milestones.entrySet());
    entries.sort(Map.Entry.comparingByValue());
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
