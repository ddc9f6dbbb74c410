/**
 * Lead scoring from 0 to 100, always explained: a {@link dev.bizo.crm.scoring.LeadScore}'s
 * {@link dev.bizo.crm.scoring.Contribution}s add up to its value exactly, caps and clamps included.
 *
 * <ul>
 *   <li>{@link dev.bizo.crm.scoring.RuleBasedScorer} over a tenant's {@link dev.bizo.crm.scoring.RuleSet}: fit
 *       rules on lead fields, engagement rules on activities with time decay, capped groups;</li>
 *   <li>{@link dev.bizo.crm.scoring.PredictiveModelTrainer} trains a tenant's
 *       {@link dev.bizo.crm.scoring.PredictiveModel} on its closed leads, and a
 *       {@link dev.bizo.crm.scoring.PredictiveScorer} scores with it once activated;</li>
 *   <li>{@link dev.bizo.crm.scoring.ScoreThresholds} set the {@link dev.bizo.crm.scoring.Priority} bands and the
 *       milestones whose crossing emits a {@link dev.bizo.crm.scoring.LeadThresholdCrossed} event.</li>
 * </ul>
 *
 * <p>No scorer and no feature reads a lead's status, so a model trained on outcomes cannot learn the answer.
 * Write your own scorer against {@code ..scoring.spi}.
 */
package dev.bizo.crm.scoring;
