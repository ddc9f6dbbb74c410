package dev.bizo.crm.scoring;

import dev.bizo.crm.Activity;
import dev.bizo.crm.ActivityType;
import dev.bizo.crm.Lead;
import dev.bizo.crm.LeadSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a lead and its activities into the numeric features of the predictive model: fit (company,
 * title seniority, size, e-mail domain…), a one-hot source, and engagement (log counts per activity
 * type, recent activity, recency).
 *
 * <p>Leakage guard: nothing here reads {@link Lead#status()} or {@link Lead#updatedAt()} (which moves
 * with status changes), and activities after {@code asOf} are ignored, so a model trained on closed
 * leads cannot learn the outcome from the outcome.
 */
public final class LeadFeatureExtractor {

  /** Version of the feature layout; a model trained on another layout is refused. */
  public static final int SCHEMA_VERSION = 1;

  private static final int RECENCY_CAP_DAYS = 365;
  private static final Set<String> FREE_MAIL =
      Set.of(
          "gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "aol.com", "icloud.com",
          "proton.me", "protonmail.com", "gmx.com", "gmx.de", "live.com", "mail.com");
  private static final List<String> SENIOR_WORDS =
      List.of(
          "ceo", "cto", "cfo", "coo", "cmo", "chief", "founder", "owner", "president", "vp",
          "vice president", "director", "head of", "partner");

  private static final Map<String, String> LABELS = labels();
  private static final List<String> NAMES = List.copyOf(LABELS.keySet());

  private LeadFeatureExtractor() {}

  private static Map<String, String> labels() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("has_company", "Has a company");
    m.put("has_job_title", "Has a job title");
    m.put("senior_title", "Senior job title");
    m.put("has_phone", "Has a phone number");
    m.put("has_email", "Has an e-mail address");
    m.put("free_mail_domain", "Free e-mail domain");
    m.put("company_size_log", "Company size");
    m.put("has_industry", "Industry known");
    m.put("has_country", "Country known");
    m.put("tag_count", "Number of tags");
    m.put("has_utm_campaign", "Came from a campaign");
    for (LeadSource s : LeadSource.values()) {
      m.put("source_" + s.name().toLowerCase(Locale.ROOT), "Source " + s.name());
    }
    for (ActivityType t : ActivityType.values()) {
      m.put("activity_" + t.name().toLowerCase(Locale.ROOT), "Activity " + t.name());
    }
    m.put("activities_last_30_days", "Activities in the last 30 days");
    m.put("days_since_last_activity", "Days since last activity");
    return Collections.unmodifiableMap(m);
  }

  /** The feature names, in the order of {@link #extract}'s values. */
  public static List<String> featureNames() {
    return NAMES;
  }

  /** A readable label for a feature, used in explanations. */
  public static String label(String featureName) {
    return LABELS.getOrDefault(featureName, featureName);
  }

  /**
   * The lead's features as of an instant.
   *
   * @param lead the lead; its status is never read
   * @param activities its activities; those after {@code asOf} are ignored
   * @param asOf the instant the features describe
   * @return values in the order of {@link #featureNames()}
   */
  public static double[] extract(Lead lead, List<Activity> activities, Instant asOf) {
    double[] x = new double[NAMES.size()];
    int i = 0;
    x[i++] = flag(lead.company().isPresent());
    x[i++] = flag(lead.jobTitle().isPresent());
    x[i++] = flag(lead.jobTitle().map(LeadFeatureExtractor::isSenior).orElse(false));
    x[i++] = flag(lead.phone().isPresent());
    x[i++] = flag(lead.email().isPresent());
    x[i++] = flag(lead.email().map(e -> FREE_MAIL.contains(e.domain())).orElse(false));
    x[i++] = lead.companySize().isPresent() ? Math.log1p(lead.companySize().getAsInt()) : 0;
    x[i++] = flag(lead.industry().isPresent());
    x[i++] = flag(lead.country().isPresent());
    x[i++] = lead.tags().size();
    x[i++] = flag(lead.utm().campaign() != null);
    for (LeadSource s : LeadSource.values()) {
      x[i++] = flag(lead.source() == s);
    }
    int[] counts = new int[ActivityType.values().length];
    int recent = 0;
    Instant last = null;
    Instant recentFrom = asOf.minus(Duration.ofDays(30));
    for (Activity a : activities) {
      if (a.at().isAfter(asOf)) {
        continue;
      }
      counts[a.type().ordinal()]++;
      if (!a.at().isBefore(recentFrom)) {
        recent++;
      }
      if (last == null || a.at().isAfter(last)) {
        last = a.at();
      }
    }
    for (int c : counts) {
      x[i++] = Math.log1p(c);
    }
    x[i++] = Math.log1p(recent);
    x[i++] =
        last == null
            ? RECENCY_CAP_DAYS
            : Math.min(RECENCY_CAP_DAYS, Duration.between(last, asOf).toHours() / 24d);
    return x;
  }

  private static boolean isSenior(String title) {
    StringBuilder sb = new StringBuilder(title.length() + 2).append(' ');
    boolean space = true;
    for (int k = 0; k < title.length(); k++) {
      char c = Character.toLowerCase(title.charAt(k));
      if (c >= 'a' && c <= 'z') {
        sb.append(c);
        space = false;
      } else if (!space) {
        sb.append(' ');
        space = true;
      }
    }
    if (!space) {
      sb.append(' ');
    }
    String t = sb.toString();
    for (String w : SENIOR_WORDS) {
      if (t.contains(" " + w + " ")) {
        return true;
      }
    }
    return false;
  }

  private static double flag(boolean b) {
    return b ? 1 : 0;
  }

  /** Names and values together, for inspection and tests. */
  public static Map<String, Double> extractNamed(Lead lead, List<Activity> activities, Instant asOf) {
    double[] x = extract(lead, activities, asOf);
    Map<String, Double> out = new LinkedHashMap<>();
    List<String> names = new ArrayList<>(NAMES);
    for (int k = 0; k < x.length; k++) {
      out.put(names.get(k), x[k]);
    }
    return Collections.unmodifiableMap(out);
  }
}
