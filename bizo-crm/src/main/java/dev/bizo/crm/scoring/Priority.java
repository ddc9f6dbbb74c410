package dev.bizo.crm.scoring;

/** A coarse band over the score, set by each tenant's {@link ScoreThresholds}. */
public enum Priority {
  /** At or above the hot threshold: call now. */
  HOT,
  /** At or above the warm threshold: nurture. */
  WARM,
  /** Below the warm threshold. */
  COLD
}
