package dev.bizo.crm.scoring;

import dev.bizo.crm.Activity;
import dev.bizo.crm.Lead;
import dev.bizo.crm.LeadSource;
import dev.bizo.crm.internal.Apportionment;
import dev.bizo.crm.scoring.spi.LeadScorer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Scores leads with a {@link RuleSet}, Mautic/HubSpot style: a base, fit rules on fields,
 * engagement rules on activities with exponential time decay, per-group caps, and a clamp to
 * 0–100. Every cap or clamp that cuts points shows as its own line, so the explanation adds up.
 */
public final class RuleBasedScorer implements LeadScorer {

  /** The id recorded in score history. */
  public static final String ID = "rules";

  private static final double MILLIS_PER_DAY = 86_400_000d;

  private final RuleSet rules;
  private final String version;
  private final List<CompiledGroup> groups;

  /** A scorer for the given rules. */
  public RuleBasedScorer(RuleSet rules) {
    this.rules = Objects.requireNonNull(rules, "rules");
    this.version = rules.version();
    List<CompiledGroup> compiled = new ArrayList<>();
    for (ScoreGroup g : rules.groups()) {
      compiled.add(new CompiledGroup(g));
    }
    this.groups = List.copyOf(compiled);
  }

  /** A scorer for {@link RuleSet#defaults()}, the seeds' rule. */
  public static RuleBasedScorer withDefaults() {
    return new RuleBasedScorer(RuleSet.defaults());
  }

  /** The rules this scorer applies. */
  public RuleSet rules() {
    return rules;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String version() {
    return version;
  }

  @Override
  public LeadScore score(Lead lead, List<Activity> activities, Clock clock) {
    Instant now = clock.instant();
    List<String> labels = new ArrayList<>();
    DoubleList raw = new DoubleList();
    labels.add("Base score");
    raw.add(rules.base());
    double total = rules.base();
    for (CompiledGroup g : groups) {
      double groupTotal = 0;
      for (CompiledFit f : g.fit) {
        if (f.matches.test(lead)) {
          labels.add(f.label);
          raw.add(f.points);
          groupTotal += f.points;
        }
      }
      for (EngagementRule e : g.engagement) {
        double sum = 0;
        int count = 0;
        double halfLifeMillis = e.halfLifeDays() * MILLIS_PER_DAY;
        for (Activity a : activities) {
          if (a.type() == e.activity()) {
            long age = Math.max(0, now.toEpochMilli() - a.at().toEpochMilli());
            sum += e.points() * Math.pow(0.5, age / halfLifeMillis);
            count++;
          }
        }
        if (count > 0) {
          labels.add(e.label() + " (" + count + ")");
          raw.add(sum);
          groupTotal += sum;
        }
      }
      if (g.cap != null && groupTotal > g.cap) {
        labels.add(g.name + " capped at " + g.cap);
        raw.add(g.cap - groupTotal);
        groupTotal = g.cap;
      }
      total += groupTotal;
    }
    int rounded = (int) Math.round(total);
    List<Contribution> lines = Apportionment.apportion(labels, raw.toArray(), rounded);
    int value = Math.max(LeadScore.MIN, Math.min(LeadScore.MAX, rounded));
    if (value != rounded) {
      lines = new ArrayList<>(lines);
      lines.add(
          new Contribution(
              value == LeadScore.MAX ? "Capped at 100" : "Floored at 0", value - rounded));
    }
    return new LeadScore(value, lines, ID, version, now);
  }

  private static final class CompiledGroup {
    final String name;
    final Integer cap;
    final List<CompiledFit> fit = new ArrayList<>();
    final List<EngagementRule> engagement;

    CompiledGroup(ScoreGroup g) {
      this.name = g.name();
      this.cap = g.cap();
      for (FitRule r : g.fit()) {
        fit.add(new CompiledFit(r));
      }
      this.engagement = g.engagement();
    }
  }

  private static final class CompiledFit {
    final String label;
    final int points;
    final Predicate<Lead> matches;

    CompiledFit(FitRule rule) {
      this.label = rule.label();
      this.points = rule.points();
      this.matches = compile(rule);
    }

    private static Predicate<Lead> compile(FitRule rule) {
      List<String> values = rule.normalizedValues();
      LeadField field = rule.field();
      switch (rule.operator()) {
        case PRESENT:
          return lead -> hasValue(lead, field);
        case ABSENT:
          return lead -> !hasValue(lead, field);
        case EQUALS:
          if (field == LeadField.SOURCE) {
            java.util.Set<LeadSource> sources = java.util.EnumSet.noneOf(LeadSource.class);
            values.forEach(v -> sources.add(LeadSource.parse("values", v)));
            return lead -> sources.contains(lead.source());
          }
          return lead -> anyValue(lead, field, t -> {
            for (String v : values) {
              if (t.equalsIgnoreCase(v)) {
                return true;
              }
            }
            return false;
          });
        case CONTAINS:
          return lead -> anyValue(lead, field, t -> {
            for (String v : values) {
              if (containsIgnoreCase(t, v)) {
                return true;
              }
            }
            return false;
          });
        case AT_LEAST:
          int min = Integer.parseInt(values.get(0));
          return lead -> lead.companySize().isPresent() && lead.companySize().getAsInt() >= min;
        case BELOW:
          int max = Integer.parseInt(values.get(0));
          return lead -> lead.companySize().isPresent() && lead.companySize().getAsInt() < max;
        default:
          throw new IllegalStateException(rule.operator().name());
      }
    }

    private static boolean hasValue(Lead lead, LeadField field) {
      if (field == LeadField.TAG) {
        return !lead.tags().isEmpty();
      }
      String v = single(lead, field);
      return v != null && !v.isBlank();
    }

    private static boolean anyValue(Lead lead, LeadField field, Predicate<String> test) {
      if (field == LeadField.TAG) {
        for (String tag : lead.tags()) {
          if (test.test(tag)) {
            return true;
          }
        }
        return false;
      }
      String v = single(lead, field);
      return v != null && test.test(v);
    }

    /** Case-insensitive substring test without allocating; {@code needle} is lower case. */
    private static boolean containsIgnoreCase(String text, String needle) {
      int last = text.length() - needle.length();
      for (int i = 0; i <= last; i++) {
        if (text.regionMatches(true, i, needle, 0, needle.length())) {
          return true;
        }
      }
      return false;
    }

    /** The value of a single-valued field, or {@code null} when absent. */
    private static String single(Lead lead, LeadField field) {
      switch (field) {
        case NAME:
          return lead.name();
        case EMAIL_DOMAIN:
          return lead.email().map(e -> e.domain()).orElse(null);
        case PHONE:
          return lead.phone().orElse(null);
        case COMPANY:
          return lead.company().orElse(null);
        case JOB_TITLE:
          return lead.jobTitle().orElse(null);
        case INDUSTRY:
          return lead.industry().orElse(null);
        case COMPANY_SIZE:
          return lead.companySize().isPresent()
              ? Integer.toString(lead.companySize().getAsInt())
              : null;
        case COUNTRY:
          return lead.country().orElse(null);
        case SOURCE:
          return lead.source().name();
        case UTM_SOURCE:
          return lead.utm().source();
        case UTM_MEDIUM:
          return lead.utm().medium();
        case UTM_CAMPAIGN:
          return lead.utm().campaign();
        case OWNER:
          return lead.owner().orElse(null);
        default:
          throw new IllegalStateException(field.name());
      }
    }
  }

  private static final class DoubleList {
    private double[] values = new double[16];
    private int size;

    void add(double v) {
      if (size == values.length) {
        values = java.util.Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    double[] toArray() {
      return java.util.Arrays.copyOf(values, size);
    }
  }
}
