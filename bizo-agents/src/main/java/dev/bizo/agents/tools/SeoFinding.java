package dev.bizo.agents.tools;

import java.util.Objects;

/**
 * One defect found on a page.
 *
 * @param code stable code, e.g. {@code title.too_long} or {@code heading.skipped_level}
 * @param severity how much it matters
 * @param detail what exactly was found, with the measured values
 */
public record SeoFinding(String code, SeoSeverity severity, String detail) {

  /** Requires every field. */
  public SeoFinding {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(detail, "detail");
  }
}
