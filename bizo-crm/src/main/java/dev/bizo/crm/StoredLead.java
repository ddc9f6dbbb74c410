package dev.bizo.crm;

import dev.bizo.crm.scoring.LeadScore;
import dev.bizo.crm.scoring.Priority;
import java.util.Objects;

/**
 * A lead as stored: the lead itself, its current score with the explanation, and the priority band the
 * tenant's thresholds gave that score when it was computed.
 *
 * @param lead the lead
 * @param score its current score, with contributions that add up to the value
 * @param priority its priority band
 */
public record StoredLead(Lead lead, LeadScore score, Priority priority) {

  public StoredLead {
    Objects.requireNonNull(lead, "lead");
    Objects.requireNonNull(score, "score");
    Objects.requireNonNull(priority, "priority");
  }

  /** The lead's id. */
  public LeadId id() {
    return lead.id();
  }
}
