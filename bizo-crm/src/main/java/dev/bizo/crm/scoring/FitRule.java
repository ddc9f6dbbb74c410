package dev.bizo.crm.scoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bizo.core.ValidationException;
import dev.bizo.core.ValidationException.FieldError;
import dev.bizo.crm.LeadSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A rule on the lead's own fields ("fit"): when it matches, it adds its points.
 *
 * @param label shown in the explanation, e.g. {@code Title contains "ceo"}
 * @param field the field tested
 * @param operator the comparison
 * @param values the operands; none for PRESENT/ABSENT, one integer for AT_LEAST/BELOW
 * @param points points added on a match; may be negative
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record FitRule(
    String label, LeadField field, FitOperator operator, List<String> values, Integer points) {

  public FitRule {
    values = values == null ? List.of() : List.copyOf(values);
    List<FieldError> errors = new ArrayList<>();
    if (label == null || label.isBlank()) {
      errors.add(new FieldError("label", "required", "a rule needs a label"));
    }
    if (field == null) {
      errors.add(new FieldError("field", "required", "a rule needs a field"));
    }
    if (operator == null) {
      errors.add(new FieldError("operator", "required", "a rule needs an operator"));
    }
    if (points == null) {
      errors.add(new FieldError("points", "required", "a rule needs points"));
    } else if (Math.abs(points) > LeadScore.MAX) {
      errors.add(new FieldError("points", "out_of_range", "points must be between -100 and 100"));
    }
    if (operator != null) {
      switch (operator) {
        case PRESENT, ABSENT -> {
          if (!values.isEmpty()) {
            errors.add(new FieldError("values", "unexpected", operator + " takes no values"));
          }
        }
        case EQUALS, CONTAINS -> {
          if (values.isEmpty() || values.stream().anyMatch(v -> v == null || v.isBlank())) {
            errors.add(new FieldError("values", "required", operator + " needs non-blank values"));
          }
        }
        case AT_LEAST, BELOW -> {
          if (field != LeadField.COMPANY_SIZE) {
            errors.add(new FieldError("field", "not_numeric", operator + " applies to COMPANY_SIZE"));
          }
          if (values.size() != 1 || !isInteger(values.get(0))) {
            errors.add(new FieldError("values", "not_a_number", operator + " needs one integer"));
          }
        }
      }
    }
    if (field == LeadField.SOURCE && (operator == FitOperator.EQUALS)) {
      for (String v : values) {
        try {
          LeadSource.parse("values", v);
        } catch (ValidationException e) {
          errors.addAll(e.fieldErrors());
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
  }

  /** A rule with a single operand (or none, for PRESENT/ABSENT). */
  public static FitRule of(
      String label, LeadField field, FitOperator operator, int points, String... values) {
    return new FitRule(label, field, operator, List.of(values), points);
  }

  private static boolean isInteger(String s) {
    if (s == null) {
      return false;
    }
    try {
      Integer.parseInt(s.trim());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Lower-cased operands, for case-insensitive matching. */
  List<String> normalizedValues() {
    List<String> out = new ArrayList<>();
    for (String v : values) {
      out.add(v.trim().toLowerCase(Locale.ROOT));
    }
    return out;
  }
}
