package dev.bizo.examples.scorer;

import dev.bizo.crm.scoring.spi.LeadScorer;
import dev.bizo.crm.tck.LeadScorerContract;

/** The CRM's scorer contract, from bizo-crm's test jar: what every LeadScorer must do. */
class B2bFitScorerContractTest extends LeadScorerContract {

  private static final LeadScorer SCORER = new B2bFitScorer();

  @Override
  protected LeadScorer scorer() {
    return SCORER;
  }
}
