package dev.bizo.crm.scoring;

import dev.bizo.core.TenantId;
import dev.bizo.crm.LeadId;
import java.time.Instant;
import java.util.Objects;

/**
 * Domain event: a lead's score rose to or past one of its tenant's milestones. Automation (e.g.
 * "notify the owner when a lead becomes SQL") listens for it.
 *
 * @param tenantId the lead's tenant
 * @param leadId the lead
 * @param milestone the milestone name, e.g. {@code MQL}
 * @param threshold the milestone's score
 * @param previousScore the score before, or -1 when the lead had none
 * @param newScore the score after
 * @param at when the crossing was detected
 */
public record LeadThresholdCrossed(
    TenantId tenantId,
    LeadId leadId,
    String milestone,
    int threshold,
    int previousScore,
    int newScore,
    Instant at) {

  public LeadThresholdCrossed {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(leadId, "leadId");
    Objects.requireNonNull(milestone, "milestone");
    Objects.requireNonNull(at, "at");
  }
}
