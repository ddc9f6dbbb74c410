package dev.bizo.crm;

import dev.bizo.core.ValidationException;

/**
 * What one {@link LeadRescoring#rescoreDue} call did: leads are due after a change of the tenant's rules,
 * thresholds or active model, and when their engagement has decayed since they were last scored.
 *
 * @param rescored leads rescored by this call
 * @param changed of those, leads whose score value changed (each has a score-history entry)
 * @param remaining leads still due after this call (a progress figure: zero means done)
 */
public record RescoreBatch(int rescored, int changed, long remaining) {

  public RescoreBatch {
    if (rescored < 0 || changed < 0 || changed > rescored || remaining < 0) {
      throw ValidationException.ofField("rescored", "out_of_range", "counts must be consistent and non-negative");
    }
  }

  /** Whether nothing is left to rescore. */
  public boolean done() {
    return remaining == 0;
  }
}
