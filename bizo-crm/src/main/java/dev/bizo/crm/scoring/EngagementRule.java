package dev.bizo.crm.scoring;

import dev.bizo.core.ValidationException;
import dev.bizo.core.ValidationException.FieldError;
import dev.bizo.crm.ActivityType;
import java.util.ArrayList;
import java.util.List;

/**
 * A rule on the lead's activities ("engagement"): every activity of the type adds points that halve
 * every {@code halfLifeDays}, so last week's click outweighs last year's.
 *
 * @param label shown in the explanation, e.g. {@code Email clicks}
 * @param activity the activity type counted
 * @param points points for one activity happening now; may be negative
 * @param halfLifeDays days after which an activity counts half; must be positive
 */
public record EngagementRule(String label, ActivityType activity, Double points, Double halfLifeDays) {

  public EngagementRule {
    List<FieldError> errors = new ArrayList<>();
    if (label == null || label.isBlank()) {
      errors.add(new FieldError("label", "required", "a rule needs a label"));
    }
    if (activity == null) {
      errors.add(new FieldError("activity", "required", "a rule needs an activity type"));
    }
    if (points == null || !Double.isFinite(points) || Math.abs(points) > LeadScore.MAX) {
      errors.add(new FieldError("points", "out_of_range", "points must be between -100 and 100"));
    }
    if (halfLifeDays == null || !Double.isFinite(halfLifeDays) || halfLifeDays <= 0) {
      errors.add(new FieldError("halfLifeDays", "not_positive", "halfLifeDays must be positive"));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
  }

  /** Convenience constructor with primitive values. */
  public static EngagementRule of(
      String label, ActivityType activity, double points, double halfLifeDays) {
    return new EngagementRule(label, activity, points, halfLifeDays);
  }
}
