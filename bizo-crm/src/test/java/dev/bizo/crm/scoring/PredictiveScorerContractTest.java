package dev.bizo.crm.scoring;

import dev.bizo.core.TenantId;
import dev.bizo.crm.scoring.spi.LeadScorer;
import dev.bizo.crm.tck.LeadScorerContract;
import dev.bizo.testkit.MutableClock;
import org.junit.jupiter.api.BeforeAll;

class PredictiveScorerContractTest extends LeadScorerContract {

  private static LeadScorer scorer;

  @BeforeAll
  static void trainOnce() {
    TenantId tenant = TenantId.generate();
    MutableClock clock = MutableClock.startingAtNewYear();
    scorer =
        new PredictiveScorer(
            new PredictiveModelTrainer()
                .train(tenant, 3, SyntheticClosedLeads.generate(tenant, clock, 300, 99), clock));
  }

  @Override
  protected LeadScorer scorer() {
    return scorer;
  }
}
