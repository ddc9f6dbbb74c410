package dev.bizo.crm.scoring;

import dev.bizo.core.TenantId;
import dev.bizo.crm.LeadId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Turns a score change into milestone events. Pure: an event is emitted for each milestone that
 * the previous score was below and the new score reaches, so re-scoring a lead that stays above a
 * milestone emits nothing. A lead that drops below and climbs back crosses again, and is reported
 * again.
 */
public final class ScoreThresholdDetector {

  private ScoreThresholdDetector() {}

  /**
   * The milestones crossed upwards by a score change, lowest first.
   *
   * @param tenantId the lead's tenant
   * @param leadId the lead
   * @param previous the score before; empty for a lead scored for the first time
   * @param current the new score
   * @param thresholds the tenant's thresholds
   * @param at when the new score was computed
   * @return one event per crossed milestone; empty when none was crossed
   */
  public static List<LeadThresholdCrossed> detect(
      TenantId tenantId,
      LeadId leadId,
      OptionalInt previous,
      int current,
      ScoreThresholds thresholds,
      Instant at) {
    Objects.requireNonNull(thresholds, "thresholds");
    int before = previous.orElse(-1);
    List<LeadThresholdCrossed> events = new ArrayList<>();
    for (Map.Entry<String, Integer> m : thresholds.milestones().entrySet()) {
      int threshold = m.getValue();
      if (before < threshold && current >= threshold) {
        events.add(
            new LeadThresholdCrossed(tenantId, leadId, m.getKey(), threshold, before, current, at));
      }
    }
    return List.copyOf(events);
  }
}
