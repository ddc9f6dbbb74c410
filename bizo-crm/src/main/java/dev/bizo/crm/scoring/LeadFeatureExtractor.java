package dev.bizo.crm.scoring;

import dev.bizo.crm.Activity;
import dev.bizo.crm.ActivityType;
import dev.bizo.crm.Lead;
import dev.bizo.crm.LeadSource;
import dev.bizo.crm.internal.LeadFields;
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
    extractInto(lead, activities, asOf, x, new Scratch());
    return x;
  }

  /** Per-thread buffers for {@link #extractInto}, so the value-only scoring path allocates nothing. */
  static final class Scratch {
    final double[] features = new double[NAMES.size()];
    final int[] counts = new int[ACTIVITY_TYPES.length];
    char[] title = new char[64];
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);
  private static final ActivityType[] ACTIVITY_TYPES = ActivityType.values();
  private static final LeadSource[] SOURCES = LeadSource.values();
  private static final String[] FREE_MAIL_DOMAINS = FREE_MAIL.toArray(new String[0]);
  private static final char[][] SENIOR_PATTERNS = seniorPatterns();
  private static final double[] LOG1P = log1pTable();
  private static final long RECENT_SECONDS = Duration.ofDays(30).getSeconds();

  /** This thread's buffers; callers must not hold them across calls that may extract again. */
  static Scratch scratch() {
    return SCRATCH.get();
  }

  /** Writes the features into {@code x} using {@code scratch}'s buffers; allocates nothing. */
  static void extractInto(Lead lead, List<Activity> activities, Instant asOf, double[] x, Scratch scratch) {
    int i = 0;
    String title = LeadFields.jobTitle(lead);
    String email = LeadFields.email(lead);
    int size = LeadFields.companySize(lead);
    x[i++] = flag(LeadFields.company(lead) != null);
    x[i++] = flag(title != null);
    x[i++] = flag(title != null && isSenior(title, scratch));
    x[i++] = flag(LeadFields.phone(lead) != null);
    x[i++] = flag(email != null);
    x[i++] = flag(email != null && isFreeMail(email));
    x[i++] = size >= 0 ? Math.log1p(size) : 0;
    x[i++] = flag(LeadFields.industry(lead) != null);
    x[i++] = flag(LeadFields.country(lead) != null);
    x[i++] = lead.tags().size();
    x[i++] = flag(lead.utm().campaign() != null);
    LeadSource source = lead.source();
    for (int s = 0; s < SOURCES.length; s++) {
      x[i++] = flag(source == SOURCES[s]);
    }
    int[] counts = scratch.counts;
    java.util.Arrays.fill(counts, 0);
    int recent = 0;
    Instant last = null;
    long asOfSeconds = asOf.getEpochSecond();
    int asOfNanos = asOf.getNano();
    long recentFromSeconds = asOfSeconds - RECENT_SECONDS;
    for (int k = 0, n = activities.size(); k < n; k++) {
      Activity a = activities.get(k);
      Instant at = a.at();
      if (at.isAfter(asOf)) {
        continue;
      }
      counts[a.type().ordinal()]++;
      long sec = at.getEpochSecond();
      if (sec > recentFromSeconds || (sec == recentFromSeconds && at.getNano() >= asOfNanos)) {
        recent++;
      }
      if (last == null || at.isAfter(last)) {
        last = at;
      }
    }
    for (int c : counts) {
      x[i++] = log1p(c);
    }
    x[i++] = log1p(recent);
    if (last == null) {
      x[i] = RECENCY_CAP_DAYS;
    } else {
      // whole hours between last and asOf, as Duration.between(last, asOf).toHours() counts them
      long seconds = asOfSeconds - last.getEpochSecond();
      if (asOfNanos < last.getNano()) {
        seconds--;
      }
      x[i] = Math.min(RECENCY_CAP_DAYS, (seconds / 3600) / 24d);
    }
  }

  /** {@code Math.log1p(n)}, from a table for the small counts activities have. */
  private static double log1p(int n) {
    return n < LOG1P.length ? LOG1P[n] : Math.log1p(n);
  }

  private static double[] log1pTable() {
    double[] t = new double[256];
    for (int n = 0; n < t.length; n++) {
      t[n] = Math.log1p(n);
    }
    return t;
  }

  private static boolean isFreeMail(String address) {
    int at = address.lastIndexOf('@');
    int length = address.length() - at - 1;
    for (String d : FREE_MAIL_DOMAINS) {
      if (d.length() == length && address.regionMatches(at + 1, d, 0, length)) {
        return true;
      }
    }
    return false;
  }

  private static char[][] seniorPatterns() {
    char[][] out = new char[SENIOR_WORDS.size()][];
    for (int k = 0; k < out.length; k++) {
      out[k] = (" " + SENIOR_WORDS.get(k) + " ").toCharArray();
    }
    return out;
  }

  /**
   * Whether the title holds a senior word: the title is reduced to lower-case letter words joined by
   * single spaces (in the scratch buffer) and searched for {@code " word "}.
   */
  private static boolean isSenior(String title, Scratch scratch) {
    if (scratch.title.length < title.length() + 2) {
      scratch.title = new char[title.length() + 2];
    }
    char[] t = scratch.title;
    int n = 0;
    t[n++] = ' ';
    boolean space = true;
    for (int k = 0; k < title.length(); k++) {
      char c = Character.toLowerCase(title.charAt(k));
      if (c >= 'a' && c <= 'z') {
        t[n++] = c;
        space = false;
      } else if (!space) {
        t[n++] = ' ';
        space = true;
      }
    }
    if (!space) {
      t[n++] = ' ';
    }
    for (char[] w : SENIOR_PATTERNS) {
      if (indexOf(t, n, w)) {
        return true;
      }
    }
    return false;
  }

  private static boolean indexOf(char[] text, int length, char[] word) {
    outer:
    for (int start = 0; start + word.length <= length; start++) {
      for (int k = 0; k < word.length; k++) {
        if (text[start + k] != word[k]) {
          continue outer;
        }
      }
      return true;
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
