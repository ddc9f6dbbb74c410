package dev.bizo.crm.scoring.spi;

import dev.bizo.crm.Activity;
import dev.bizo.crm.Lead;
import dev.bizo.crm.scoring.LeadScore;
import java.time.Clock;
import java.util.List;

/**
 * Scores a lead from 0 to 100 and explains the score.
 *
 * <p>Implementations must be pure and thread-safe: the same lead, activities and clock instant give
 * the same {@link LeadScore}. They must not read {@link Lead#status()}: a score describes the lead,
 * not where a sales rep moved it, and predictive models trained on outcomes would otherwise learn
 * the answer. The explanation's contributions must add up to the score exactly (see {@link
 * LeadScore}); a scorer that caps or clamps adds an explicit line for it.
 *
 * <p>Register implementations with {@code dev.bizo.core.Providers}, keyed by {@link #id()}. Every
 * implementation should pass the {@code LeadScorerContract} test shipped in the {@code bizo-crm}
 * test jar.
 */
public interface LeadScorer {

  /** Stable name, e.g. {@code rules} or {@code predictive}; recorded in score history. */
  String id();

  /**
   * Version of the rules or model behind the scores, recorded in score history so a change of
   * rules explains a change of scores.
   */
  String version();

  /**
   * Scores one lead.
   *
   * @param lead the lead; its status is not to be used
   * @param activities the lead's activities, in any order
   * @param clock the current time, for time decay and the score's timestamp
   * @return the score and its explanation
   */
  LeadScore score(Lead lead, List<Activity> activities, Clock clock);

  /**
   * The score's value alone, without building its explanation: the fast path for bulk rescoring and
   * ranking. It must equal {@code score(lead, activities, clock).value()} for the same inputs; the
   * {@code LeadScorerContract} checks this. The default delegates to {@link #score}; scorers override
   * it to skip the explanation (the built-in ones allocate nothing here).
   *
   * @param lead the lead; its status is not to be used
   * @param activities the lead's activities, in any order
   * @param clock the current time, for time decay
   * @return the score, 0 to 100
   */
  default int scoreValue(Lead lead, List<Activity> activities, Clock clock) {
    return score(lead, activities, clock).value();
  }
}
