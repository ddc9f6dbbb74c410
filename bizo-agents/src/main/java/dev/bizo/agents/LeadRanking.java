package dev.bizo.agents;

import dev.bizo.core.ValidationException;
import java.util.List;

/**
 * The lead scorer's output.
 *
 * @param leads leads ranked by the CRM's score, best first
 * @param summary a short narrative
 */
public record LeadRanking(List<RankedLead> leads, String summary) {

  /**
   * A ranked lead.
   *
   * @param rank 1 for the best lead
   * @param leadId the CRM's lead id
   * @param name the lead's name
   * @param score the CRM's score, 0 to 100
   * @param explanations the CRM scorer's reasons
   * @param nextAction the suggested next action
   */
  public record RankedLead(
      int rank, String leadId, String name, int score, List<String> explanations, String nextAction) {
    /** Validates the entry. */
    public RankedLead {
      if (rank < 1) {
        throw ValidationException.ofField("rank", "ranking.rank_range", "rank starts at 1");
      }
      explanations = List.copyOf(explanations);
      StrategyPlan.requireText("nextAction", nextAction);
    }
  }

  /** Copies the list. */
  public LeadRanking {
    leads = List.copyOf(leads);
    StrategyPlan.requireText("summary", summary);
  }
}
