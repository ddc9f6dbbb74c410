package dev.bizo.crm.scoring;

import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.crm.LeadId;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of a lead's append-only score log: what changed, why, and which scorer did it.
 *
 * @param tenantId the lead's tenant
 * @param leadId the lead
 * @param previousScore the score before, or -1 for the first score
 * @param newScore the score after
 * @param delta {@code newScore - previousScore}, or {@code newScore} for the first score
 * @param cause why the lead was rescored, e.g. {@code activity:EMAIL_CLICK} or {@code rules:changed}
 * @param scorerId the scorer's id
 * @param scorerVersion the scorer's version
 * @param at when the new score was computed
 */
public record ScoreHistoryEntry(
    TenantId tenantId,
    LeadId leadId,
    int previousScore,
    int newScore,
    int delta,
    String cause,
    String scorerId,
    String scorerVersion,
    Instant at) {

  public ScoreHistoryEntry {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(leadId, "leadId");
    Objects.requireNonNull(scorerId, "scorerId");
    Objects.requireNonNull(scorerVersion, "scorerVersion");
    Objects.requireNonNull(at, "at");
    if (cause == null || cause.isBlank()) {
      throw ValidationException.ofField("cause", "required", "a score change records its cause");
    }
    int expected = previousScore < 0 ? newScore : newScore - previousScore;
    if (delta != expected) {
      throw ValidationException.ofField("delta", "inconsistent", "delta must be " + expected);
    }
  }

  /**
   * The entry recording a new score.
   *
   * @param tenantId the lead's tenant
   * @param leadId the lead
   * @param previousScore the score before, or -1 when there was none
   * @param score the new score
   * @param cause why the lead was rescored
   * @return the entry, with delta computed
   */
  public static ScoreHistoryEntry of(
      TenantId tenantId, LeadId leadId, int previousScore, LeadScore score, String cause) {
    int delta = previousScore < 0 ? score.value() : score.value() - previousScore;
    return new ScoreHistoryEntry(
        tenantId,
        leadId,
        previousScore,
        score.value(),
        delta,
        cause,
        score.scorerId(),
        score.scorerVersion(),
        score.scoredAt());
  }
}
