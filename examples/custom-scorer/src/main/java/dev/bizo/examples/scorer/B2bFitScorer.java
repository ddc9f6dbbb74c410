package dev.bizo.examples.scorer;

import dev.bizo.crm.Activity;
import dev.bizo.crm.ActivityType;
import dev.bizo.crm.EmailAddress;
import dev.bizo.crm.Lead;
import dev.bizo.crm.LeadSource;
import dev.bizo.crm.scoring.Contribution;
import dev.bizo.crm.scoring.LeadScore;
import dev.bizo.crm.scoring.spi.LeadScorer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A business-to-business fit score, written in plain Java instead of the CRM's rule language: how big the
 * company is, how senior the contact, whether the e-mail is a work address, how the lead came in, and whether
 * the lead met the sales team lately.
 *
 * <table>
 *   <caption>Points</caption>
 *   <tr><th>line</th><th>points</th></tr>
 *   <tr><td>Baseline</td><td>+10</td></tr>
 *   <tr><td>Company of 1000+ / 200-999 / 20-199 people</td><td>+30 / +20 / +10</td></tr>
 *   <tr><td>Decision maker (CEO, CTO, CFO, founder, owner, president) / senior (VP, head, director) /
 *       manager or lead / junior (intern, student)</td><td>+25 / +20 / +10 / -10</td></tr>
 *   <tr><td>Work e-mail / personal e-mail (a free-mail domain)</td><td>+15 / +5</td></tr>
 *   <tr><td>Came by referral or partner / at an event</td><td>+15 / +10</td></tr>
 *   <tr><td>Meetings in the last 30 days</td><td>+10 each, at most +20</td></tr>
 *   <tr><td>Other activity in the last 14 days</td><td>+2 each, at most +10</td></tr>
 *   <tr><td>Capped at 100 / Floored at 0</td><td>whatever keeps the score within 0-100</td></tr>
 * </table>
 *
 * <p>Pure and thread-safe, as the SPI asks: the score depends on the lead's fields (never its status), its
 * activities and the clock's instant only. Registered in {@code META-INF/services} under the id
 * {@value #ID}.
 */
public final class B2bFitScorer implements LeadScorer {

  /** The scorer's id, recorded with every score. */
  public static final String ID = "b2b-fit";

  /** The version of these rules; change it with the rules so score history explains the change. */
  public static final String VERSION = "2026.1";

  private static final Set<String> FREE_MAIL = Set.of(
      "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "yahoo.com", "icloud.com", "gmx.de", "web.de",
      "proton.me", "protonmail.com");
  private static final Duration MEETING_WINDOW = Duration.ofDays(30);
  private static final Duration ACTIVITY_WINDOW = Duration.ofDays(14);

  /** The public no-argument constructor {@link java.util.ServiceLoader} needs. */
  public B2bFitScorer() {
    // stateless
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String version() {
    return VERSION;
  }

  @Override
  public LeadScore score(Lead lead, List<Activity> activities, Clock clock) {
    List<Contribution> explanation = new ArrayList<>();
    int value = tally(lead, activities, clock.instant(), explanation);
    return new LeadScore(value, explanation, ID, VERSION, clock.instant());
  }

  @Override
  public int scoreValue(Lead lead, List<Activity> activities, Clock clock) {
    return tally(lead, activities, clock.instant(), null);
  }

  /**
   * Adds up the points, writing each line to {@code explanation} unless it is null (the value-only path).
   *
   * @return the score, 0 to 100
   */
  private static int tally(Lead lead, List<Activity> activities, Instant now, List<Contribution> explanation) {
    int total = add(explanation, "Baseline", 10);
    total += add(explanation, companySize(lead.companySize()));
    total += add(explanation, seniority(lead.jobTitle()));
    total += add(explanation, email(lead.email()));
    total += add(explanation, source(lead.source()));
    int meetings = 0;
    int recent = 0;
    for (Activity activity : activities) {
      Duration age = Duration.between(activity.at(), now);
      if (age.isNegative()) {
        continue; // an activity recorded ahead of the clock counts once it has happened
      }
      if (activity.type() == ActivityType.MEETING && age.compareTo(MEETING_WINDOW) <= 0) {
        meetings++;
      } else if (activity.type() != ActivityType.MEETING && age.compareTo(ACTIVITY_WINDOW) <= 0) {
        recent++;
      }
    }
    total += add(explanation, "Meetings in the last 30 days (" + meetings + ")", Math.min(20, 10 * meetings));
    total += add(explanation, "Activity in the last 14 days (" + recent + ")", Math.min(10, 2 * recent));
    if (total > 100) {
      return total + add(explanation, "Capped at 100", 100 - total);
    }
    if (total < 0) {
      return total + add(explanation, "Floored at 0", -total);
    }
    return total;
  }

  private static Optional<Contribution> companySize(OptionalInt size) {
    if (size.isEmpty()) {
      return Optional.empty();
    }
    int people = size.getAsInt();
    if (people >= 1000) {
      return line("Company of 1000+ people", 30);
    }
    if (people >= 200) {
      return line("Company of 200-999 people", 20);
    }
    if (people >= 20) {
      return line("Company of 20-199 people", 10);
    }
    return Optional.empty();
  }

  private static Optional<Contribution> seniority(Optional<String> jobTitle) {
    if (jobTitle.isEmpty()) {
      return Optional.empty();
    }
    String title = " " + jobTitle.get().toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", " ") + " ";
    if (containsWord(title, "ceo", "cto", "cfo", "founder", "cofounder", "owner", "president")) {
      return line("Decision maker (" + jobTitle.get() + ")", 25);
    }
    if (containsWord(title, "vp", "head", "director", "chief")) {
      return line("Senior title (" + jobTitle.get() + ")", 20);
    }
    if (containsWord(title, "manager", "lead")) {
      return line("Manager (" + jobTitle.get() + ")", 10);
    }
    if (containsWord(title, "intern", "student", "trainee")) {
      return line("Junior title (" + jobTitle.get() + ")", -10);
    }
    return Optional.empty();
  }

  private static Optional<Contribution> email(Optional<EmailAddress> email) {
    if (email.isEmpty()) {
      return Optional.empty();
    }
    String domain = email.get().domain().toLowerCase(Locale.ROOT);
    return FREE_MAIL.contains(domain)
        ? line("Personal e-mail (" + domain + ")", 5)
        : line("Work e-mail (" + domain + ")", 15);
  }

  private static Optional<Contribution> source(LeadSource source) {
    return switch (source) {
      case REFERRAL, PARTNER -> line("Came by " + source.name().toLowerCase(Locale.ROOT), 15);
      case EVENT -> line("Met at an event", 10);
      case WEBSITE, SOCIAL_MEDIA, EMAIL, PAID_ADS, COLD_OUTREACH, OTHER -> Optional.empty();
    };
  }

  private static boolean containsWord(String paddedTitle, String... words) {
    for (String word : words) {
      if (paddedTitle.contains(" " + word + " ")) {
        return true;
      }
    }
    return false;
  }

  private static Optional<Contribution> line(String label, int points) {
    return Optional.of(new Contribution(label, points));
  }

  private static int add(List<Contribution> explanation, Optional<Contribution> line) {
    return line.map(c -> add(explanation, c.label(), c.points())).orElse(0);
  }

  /** Records a line of non-zero points (zero lines are left out, as {@link LeadScore} allows). */
  private static int add(List<Contribution> explanation, String label, int points) {
    if (points != 0 && explanation != null) {
      explanation.add(new Contribution(label, points));
    }
    return points;
  }
}
