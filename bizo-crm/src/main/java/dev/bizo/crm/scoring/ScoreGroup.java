package dev.bizo.crm.scoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bizo.core.ValidationException;
import dev.bizo.core.ValidationException.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * A named set of rules whose total is capped, e.g. "engagement, at most 30 points", so one kind of
 * signal cannot swamp the others.
 *
 * @param name shown in the explanation's cap line
 * @param cap most points the group may add; {@code null} for no cap
 * @param fit rules on lead fields
 * @param engagement rules on activities
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScoreGroup(
    String name, Integer cap, List<FitRule> fit, List<EngagementRule> engagement) {

  public ScoreGroup {
    fit = fit == null ? List.of() : List.copyOf(fit);
    engagement = engagement == null ? List.of() : List.copyOf(engagement);
    List<FieldError> errors = new ArrayList<>();
    if (name == null || name.isBlank()) {
      errors.add(new FieldError("name", "required", "a group needs a name"));
    }
    if (cap != null && (cap < 0 || cap > LeadScore.MAX)) {
      errors.add(new FieldError("cap", "out_of_range", "cap must be 0-100"));
    }
    if (fit.isEmpty() && engagement.isEmpty()) {
      errors.add(new FieldError("fit", "required", "a group needs at least one rule"));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
  }

  /** The cap, when there is one. */
  public OptionalInt capLimit() {
    return cap == null ? OptionalInt.empty() : OptionalInt.of(cap);
  }
}
