package dev.bizo.crm.analytics;

import dev.bizo.crm.LeadStatus;
import java.util.Objects;

/**
 * How many leads that reached one pipeline stage went on to reach the next.
 *
 * @param from the earlier stage
 * @param to the next stage
 * @param reachedFrom leads that reached {@code from} (or any later stage)
 * @param reachedTo leads that reached {@code to} (or any later stage)
 */
public record StageConversion(LeadStatus from, LeadStatus to, long reachedFrom, long reachedTo) {

  public StageConversion {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }

  /** {@code reachedTo / reachedFrom}, or 0 when no lead reached {@code from}. */
  public double rate() {
    return reachedFrom == 0 ? 0 : (double) reachedTo / reachedFrom;
  }
}
