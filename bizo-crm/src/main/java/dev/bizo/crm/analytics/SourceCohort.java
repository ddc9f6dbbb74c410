package dev.bizo.crm.analytics;

import dev.bizo.core.ValidationException;
import dev.bizo.crm.LeadSource;
import java.util.Objects;

/**
 * The leads of a {@link CohortReport} that came in through one source, and how far they have got.
 *
 * @param source the lead source
 * @param leads leads created in the report's days through this source
 * @param qualified of those, leads now QUALIFIED or further along the pipeline (PROPOSAL, NEGOTIATION, WON)
 * @param converted of those, leads now WON
 */
public record SourceCohort(LeadSource source, long leads, long qualified, long converted) {

  /** Validates that {@code 0 <= converted <= qualified <= leads}. */
  public SourceCohort {
    Objects.requireNonNull(source, "source");
    if (converted < 0 || converted > qualified || qualified > leads) {
      throw ValidationException.ofField(
          "converted", "cohort.counts_invalid", "need 0 <= converted <= qualified <= leads for " + source);
    }
  }
}
