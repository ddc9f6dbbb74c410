package dev.bizo.benchmarks.crm;

import dev.bizo.core.TenantId;
import dev.bizo.crm.Activity;
import dev.bizo.crm.ActivityType;
import dev.bizo.crm.Lead;
import dev.bizo.crm.LeadSource;
import dev.bizo.crm.LeadStatus;
import dev.bizo.crm.scoring.TrainingExample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded, varied leads and activities shared by the CRM benchmarks, so every run scores the same data. */
final class BenchmarkLeads {

  private static final String[] TITLES = {
    "CEO", "VP Sales", "Head of Marketing", "Analyst", "Software Engineer", "Co-founder & CEO",
    "Office Manager", "Director of Operations", "Intern", "Chief Financial Officer"
  };
  private static final String[] INDUSTRIES = {"logistics", "retail", "software", "health", "finance", "education"};
  private static final String[] DOMAINS = {"gmail.com", "acme.example", "corp.example", "outlook.com", "shop.example"};
  private static final ActivityType[] TYPES = ActivityType.values();
  private static final LeadSource[] SOURCES = LeadSource.values();

  private BenchmarkLeads() {}

  /** {@code count} leads of one tenant, some fields missing, all sources. */
  static List<Lead> leads(TenantId tenant, Clock clock, int count, long seed) {
    Random r = new Random(seed);
    List<Lead> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(lead(tenant, clock, r, i, null));
    }
    return out;
  }

  /** Activities over the last {@code days} days, {@code 0..max} per lead. */
  static List<List<Activity>> activities(Instant now, int leads, int max, int days, long seed) {
    Random r = new Random(seed);
    List<List<Activity>> out = new ArrayList<>(leads);
    for (int i = 0; i < leads; i++) {
      int n = r.nextInt(max + 1);
      List<Activity> list = new ArrayList<>(n);
      for (int k = 0; k < n; k++) {
        list.add(Activity.of(TYPES[r.nextInt(TYPES.length)], now.minus(Duration.ofHours(1 + r.nextInt(days * 24)))));
      }
      out.add(List.copyOf(list));
    }
    return out;
  }

  /** Closed leads whose outcome follows seniority, referrals and meetings, to train a realistic model. */
  static List<TrainingExample> closed(TenantId tenant, Clock clock, int count, long seed) {
    Random r = new Random(seed);
    Instant now = clock.instant();
    List<TrainingExample> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Lead probe = lead(tenant, clock, r, i, null);
      int meetings = r.nextInt(4);
      boolean senior = probe.jobTitle().map(t -> t.contains("CEO") || t.startsWith("VP") || t.startsWith("Chief")).orElse(false);
      double logit = -2 + 2.4 * (senior ? 1 : 0) + 1.8 * (probe.source() == LeadSource.REFERRAL ? 1 : 0) + meetings;
      boolean won = r.nextDouble() < 1 / (1 + Math.exp(-logit));
      List<Activity> activities = new ArrayList<>();
      for (int m = 0; m < meetings; m++) {
        activities.add(Activity.of(ActivityType.MEETING, now.minus(Duration.ofDays(1 + r.nextInt(60)))));
      }
      out.add(new TrainingExample(probe.toBuilder().status(won ? LeadStatus.WON : LeadStatus.LOST).build(), activities, now));
    }
    return out;
  }

  private static Lead lead(TenantId tenant, Clock clock, Random r, int i, LeadStatus status) {
    Lead.Builder b =
        Lead.builder(tenant, clock)
            .name("Lead " + i)
            .email("lead" + i + "@" + DOMAINS[r.nextInt(DOMAINS.length)])
            .source(SOURCES[r.nextInt(SOURCES.length)]);
    if (r.nextDouble() < 0.7) {
      b.company("Company " + r.nextInt(5_000));
    }
    if (r.nextDouble() < 0.8) {
      b.jobTitle(TITLES[r.nextInt(TITLES.length)]);
    }
    if (r.nextDouble() < 0.6) {
      b.companySize(1 + r.nextInt(5_000));
    }
    if (r.nextDouble() < 0.5) {
      b.industry(INDUSTRIES[r.nextInt(INDUSTRIES.length)]);
    }
    if (r.nextDouble() < 0.4) {
      b.phone("+4420" + (7_000_000 + r.nextInt(999_999)));
    }
    if (status != null) {
      b.status(status);
    }
    return b.build();
  }
}
