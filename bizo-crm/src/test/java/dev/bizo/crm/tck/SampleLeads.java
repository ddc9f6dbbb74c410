package dev.bizo.crm.tck;

import dev.bizo.crm.Activity;
import dev.bizo.crm.ActivityType;
import dev.bizo.crm.Lead;
import dev.bizo.crm.LeadSource;
import dev.bizo.crm.Utm;

import dev.bizo.core.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Varied leads and activities for tests; also used by the scorer contract. */
public final class SampleLeads {

  private SampleLeads() {}

  /** A minimal lead: only a name. */
  public static Lead bare(TenantId tenant, Clock clock) {
    return Lead.builder(tenant, clock).name("Bare Minimum").build();
  }

  /** A lead with every field filled. */
  public static Lead full(TenantId tenant, Clock clock) {
    return Lead.builder(tenant, clock)
        .name("Grace Hopper")
        .email("Grace.Hopper@Navy.example.org")
        .phone("+1 555 0100")
        .company("Compilers Inc")
        .jobTitle("CEO and Founder")
        .industry("Software")
        .companySize(250)
        .country("us")
        .source(LeadSource.REFERRAL)
        .utm(new Utm("newsletter", "email", "spring", null, null))
        .owner("user-1")
        .tags(List.of("VIP", "enterprise"))
        .attributes(Map.of("budget", 50000, "plan", "gold"))
        .build();
  }

  /** Randomized leads covering every source and optional-field combination, seeded. */
  public static List<Lead> varied(TenantId tenant, Clock clock, int count, long seed) {
    Random r = new Random(seed);
    String[] titles = {"CEO", "ceo", "Head of Sales", "Engineer", "VP Marketing", "Intern", null};
    String[] companies = {"Acme", "Globex", null, "Initech", null};
    List<Lead> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      LeadSource source = LeadSource.values()[r.nextInt(LeadSource.values().length)];
      out.add(
          Lead.builder(tenant, clock)
              .name("Lead " + i)
              .email(r.nextBoolean() ? "lead" + i + "@example.com" : null)
              .company(companies[r.nextInt(companies.length)])
              .jobTitle(titles[r.nextInt(titles.length)])
              .companySize(r.nextBoolean() ? r.nextInt(5000) : null)
              .source(source)
              .tags(r.nextBoolean() ? List.of("t" + r.nextInt(3)) : List.of())
              .build());
    }
    return out;
  }

  /** Some activities of every type over the last {@code days} days before {@code now}, seeded. */
  public static List<Activity> activities(Instant now, int count, int days, long seed) {
    Random r = new Random(seed);
    List<Activity> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ActivityType type = ActivityType.values()[r.nextInt(ActivityType.values().length)];
      Instant at = now.minus(Duration.ofMinutes(r.nextInt(days * 24 * 60 + 1)));
      out.add(type == ActivityType.NOTE ? Activity.note(at, "note " + i) : Activity.of(type, at));
    }
    return out;
  }
}
