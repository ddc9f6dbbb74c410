package dev.bizo.agents.spi;

import dev.bizo.core.ValidationException;

/**
 * One audience segment as the CRM sees it.
 *
 * @param segment segment name, e.g. {@code smb-retail}
 * @param leads leads currently in the segment
 * @param averageScore their mean lead score, 0 to 100
 */
public record SegmentStats(String segment, int leads, double averageScore) {

  /** Validates the values. */
  public SegmentStats {
    if (segment == null || segment.isBlank()) {
      throw ValidationException.ofField("segment", "segment.blank", "segment is blank");
    }
    if (leads < 0 || averageScore < 0 || averageScore > 100) {
      throw ValidationException.ofField("averageScore", "segment.invalid", "invalid stats for " + segment);
    }
  }
}
