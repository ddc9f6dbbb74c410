package dev.bizo.crm.analytics;

import dev.bizo.core.ValidationException;
import java.util.Objects;
import java.util.Optional;

/**
 * The leads of a {@link CohortReport} in one industry, with the sum of their current scores.
 *
 * @param industry the industry exactly as stored on the leads; empty for leads without one
 * @param leads leads created in the report's days in this industry, at least one
 * @param scoreSum the sum of their current scores (each 0 to 100)
 */
public record IndustryCohort(Optional<String> industry, long leads, long scoreSum) {

  /** Validates that there are leads and that the score sum fits their number. */
  public IndustryCohort {
    Objects.requireNonNull(industry, "industry");
    if (leads < 1 || scoreSum < 0 || scoreSum > 100 * leads) {
      throw ValidationException.ofField(
          "scoreSum", "cohort.counts_invalid", "need leads >= 1 and 0 <= scoreSum <= 100 * leads");
    }
  }

  /**
   * The mean current score of these leads.
   *
   * @return {@code scoreSum / leads}, 0 to 100
   */
  public double averageScore() {
    return (double) scoreSum / leads;
  }
}
