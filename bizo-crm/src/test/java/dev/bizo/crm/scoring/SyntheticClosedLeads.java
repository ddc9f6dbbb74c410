package dev.bizo.crm.scoring;

import dev.bizo.core.TenantId;
import dev.bizo.crm.Activity;
import dev.bizo.crm.ActivityType;
import dev.bizo.crm.Lead;
import dev.bizo.crm.LeadSource;
import dev.bizo.crm.LeadStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Closed leads with a known signal: senior titles, referrals, meetings and recent activity raise
 * the odds of WON through a fixed logistic model; everything is drawn from a seeded random.
 */
final class SyntheticClosedLeads {

  private static final List<LeadSource> OTHER_SOURCES =
      java.util.Arrays.stream(LeadSource.values())
          .filter(s -> s != LeadSource.REFERRAL)
          .collect(java.util.stream.Collectors.toList());

  private SyntheticClosedLeads() {}

  static List<TrainingExample> generate(TenantId tenant, Clock clock, int count, long seed) {
    Random r = new Random(seed);
    Instant now = clock.instant();
    List<TrainingExample> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      boolean senior = r.nextDouble() < 0.4;
      boolean referral = r.nextDouble() < 0.3;
      int meetings = r.nextInt(4);
      int emailOpens = r.nextInt(6);
      boolean freeMail = r.nextDouble() < 0.3;
      double logit = -2.6 + 2.6 * (senior ? 1 : 0) + 2.0 * (referral ? 1 : 0) + 1.2 * meetings
          - 1.8 * (freeMail ? 1 : 0);
      boolean won = r.nextDouble() < 1 / (1 + Math.exp(-logit));
      List<Activity> activities = new ArrayList<>();
      for (int m = 0; m < meetings; m++) {
        activities.add(Activity.of(ActivityType.MEETING, now.minus(Duration.ofDays(1 + r.nextInt(60)))));
      }
      for (int e = 0; e < emailOpens; e++) {
        activities.add(Activity.of(ActivityType.EMAIL_OPEN, now.minus(Duration.ofDays(1 + r.nextInt(90)))));
      }
      // Activity after the decision must be ignored by the features (asOf is "now").
      activities.add(Activity.of(ActivityType.CALL, now.plus(Duration.ofDays(3))));
      Lead lead =
          Lead.builder(tenant, clock)
              .name("Synthetic " + i)
              .email("person" + i + (freeMail ? "@gmail.com" : "@corp" + (i % 17) + ".example.com"))
              .company(r.nextDouble() < 0.8 ? "Company " + (i % 40) : null)
              .jobTitle(senior ? (r.nextBoolean() ? "CEO" : "VP Sales") : (r.nextBoolean() ? "Analyst" : null))
              .companySize(r.nextInt(2000))
              .source(referral ? LeadSource.REFERRAL : OTHER_SOURCES.get(r.nextInt(OTHER_SOURCES.size())))
              .status(won ? LeadStatus.WON : LeadStatus.LOST)
              .build();
      out.add(new TrainingExample(lead, activities, now));
    }
    return out;
  }
}
