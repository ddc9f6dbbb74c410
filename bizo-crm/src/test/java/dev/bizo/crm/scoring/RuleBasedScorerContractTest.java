package dev.bizo.crm.scoring;

import dev.bizo.crm.ActivityType;
import dev.bizo.crm.scoring.spi.LeadScorer;
import dev.bizo.crm.tck.LeadScorerContract;

class RuleBasedScorerContractTest extends LeadScorerContract {

  private static final LeadScorer SCORER =
      new RuleBasedScorer(
          RuleSet.builder()
              .base(30)
              .fit(
                  "fit",
                  FitRule.of("Has a company", LeadField.COMPANY, FitOperator.PRESENT, 15),
                  FitRule.of("Senior title", LeadField.JOB_TITLE, FitOperator.CONTAINS, 20, "ceo", "vp"),
                  FitRule.of("No e-mail", LeadField.EMAIL_DOMAIN, FitOperator.ABSENT, -10),
                  FitRule.of("Tiny company", LeadField.COMPANY_SIZE, FitOperator.BELOW, -35, "10"))
              .engagement(
                  "engagement",
                  25,
                  EngagementRule.of("Email clicks", ActivityType.EMAIL_CLICK, 7.5, 10),
                  EngagementRule.of("Meetings", ActivityType.MEETING, 12.3, 30),
                  EngagementRule.of("Page views", ActivityType.PAGE_VIEW, 1.7, 3))
              .fit("referral", FitRule.of("Referral", LeadField.SOURCE, FitOperator.EQUALS, 40, "referral"))
              .build());

  @Override
  protected LeadScorer scorer() {
    return SCORER;
  }
}
