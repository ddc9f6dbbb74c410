package dev.bizo.agents.tools;

/** How much an SEO finding matters; fixes are ordered by it. */
public enum SeoSeverity {
  /** Stops the page from ranking or being indexed properly. */
  HIGH,
  /** Costs ranking or click-through. */
  MEDIUM,
  /** Worth fixing when convenient. */
  LOW
}
