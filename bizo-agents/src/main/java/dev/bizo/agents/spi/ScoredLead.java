package dev.bizo.agents.spi;

import dev.bizo.core.ValidationException;
import java.util.List;

/**
 * A lead with the CRM scorer's verdict.
 *
 * @param leadId the CRM's lead id, as text
 * @param name display name of the lead
 * @param segment the lead's segment
 * @param status CRM status, e.g. {@code NEW} or {@code CONTACTED}
 * @param score score from 0 to 100
 * @param explanations the scorer's reasons, most important first
 */
public record ScoredLead(
    String leadId, String name, String segment, String status, int score, List<String> explanations) {

  /** Validates the score range and copies the explanations. */
  public ScoredLead {
    if (leadId == null || leadId.isBlank()) {
      throw ValidationException.ofField("leadId", "lead.id_blank", "lead id is blank");
    }
    if (score < 0 || score > 100) {
      throw ValidationException.ofField("score", "lead.score_range", "score must be 0..100 for " + leadId);
    }
    explanations = List.copyOf(explanations);
  }
}
