package dev.bizo.crm;

import dev.bizo.core.ValidationException;
import java.time.Instant;
import java.util.Objects;

/**
 * One recorded move of a lead from one status to another: the audit line "who moved it, and when".
 *
 * @param leadId the lead that moved
 * @param from the status before
 * @param to the status after
 * @param by who made the change (a user id, an API key name or {@code system})
 * @param at when the change happened
 */
public record StatusChange(LeadId leadId, LeadStatus from, LeadStatus to, String by, Instant at) {

  public StatusChange {
    Objects.requireNonNull(leadId, "leadId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(at, "at");
    if (by == null || by.isBlank()) {
      throw ValidationException.ofField("by", "required", "a status change names who made it");
    }
  }
}
