package dev.bizo.agents;

import dev.bizo.agents.tools.SeoAnalysis;
import dev.bizo.agents.tools.SeoFix;
import dev.bizo.core.ValidationException;
import java.util.List;
import java.util.Objects;

/**
 * The SEO analyser's output: the tool's measurements, and fixes in priority order.
 *
 * @param analysis what the SEO tool measured and found
 * @param fixes prioritised fixes, priority 1 first
 * @param summary a short narrative
 */
public record SeoAudit(SeoAnalysis analysis, List<SeoFix> fixes, String summary) {

  /** Validates the audit and orders the fixes. */
  public SeoAudit {
    Objects.requireNonNull(analysis, "analysis");
    if (fixes == null) {
      throw ValidationException.ofField("fixes", "seo.fixes_missing", "fixes are required");
    }
    fixes = fixes.stream().sorted(java.util.Comparator.comparingInt(SeoFix::priority)).toList();
    StrategyPlan.requireText("summary", summary);
  }
}
