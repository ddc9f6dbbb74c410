package dev.bizo.agents.tools;

import dev.bizo.core.ValidationException;

/**
 * A fix proposed for a finding.
 *
 * @param priority 1 is the most urgent
 * @param findingCode the finding it addresses
 * @param action what to change
 */
public record SeoFix(int priority, String findingCode, String action) {

  /** Validates the fix. */
  public SeoFix {
    if (priority < 1) {
      throw ValidationException.ofField("priority", "seo.priority_range", "priority starts at 1");
    }
    if (findingCode == null || findingCode.isBlank() || action == null || action.isBlank()) {
      throw ValidationException.ofField("action", "seo.fix_blank", "a fix needs a finding code and an action");
    }
  }
}
