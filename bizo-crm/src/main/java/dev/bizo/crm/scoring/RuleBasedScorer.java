package dev.bizo.crm.scoring;

import dev.bizo.crm.Activity;
import dev.bizo.crm.Lead;
import dev.bizo.crm.LeadSource;
import dev.bizo.crm.internal.Apportionment;
import dev.bizo.crm.internal.LeadFields;
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
  private final CompiledGroup[] compiled;

  /** A scorer for the given rules. */
  public RuleBasedScorer(RuleSet rules) {
    this.rules = Objects.requireNonNull(rules, "rules");
    this.version = rules.version();
    List<CompiledGroup> compiled = new ArrayList<>();
    for (ScoreGroup g : rules.groups()) {
      compiled.add(new CompiledGroup(g));
    }
    this.groups = List.copyOf(compiled);
    this.compiled = compiled.toArray(new CompiledGroup[0]);
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

  /**
   * The value {@link #score} would return, computed without labels, lists or boxing: the same sums in
   * the same order, so the two never disagree.
   */
  @Override
  public int scoreValue(Lead lead, List<Activity> activities, Clock clock) {
    long nowMillis = clock.millis();
    double total = rules.base();
    for (int gi = 0; gi < compiled.length; gi++) {
      CompiledGroup g = compiled[gi];
      // source rules are one table lookup; fit points are whole numbers, so the order of adding is exact
      double groupTotal = g.sourcePoints[lead.source().ordinal()];
      CompiledFit[] fits = g.fitArray;
      for (int i = 0; i < fits.length; i++) {
        if (fits[i].matches.test(lead)) {
          groupTotal += fits[i].points;
        }
      }
      EngagementRule[] engagement = g.engagementArray;
      for (int ei = 0; ei < engagement.length; ei++) {
        EngagementRule e = engagement[ei];
        double halfLifeMillis = e.halfLifeDays() * MILLIS_PER_DAY;
        double sum = 0;
        for (int ai = 0, n = activities.size(); ai < n; ai++) {
          Activity a = activities.get(ai);
          if (a.type() == e.activity()) {
            long age = Math.max(0, nowMillis - a.at().toEpochMilli());
            sum += e.points() * Math.pow(0.5, age / halfLifeMillis);
          }
        }
        groupTotal += sum;
      }
      if (g.cap != null && groupTotal > g.cap) {
        groupTotal = g.cap;
      }
      total += groupTotal;
    }
    int rounded = (int) Math.round(total);
    return Math.max(LeadScore.MIN, Math.min(LeadScore.MAX, rounded));
  }

  private static final class CompiledGroup {
    final String name;
    final Integer cap;
    final List<CompiledFit> fit = new ArrayList<>();
    final List<EngagementRule> engagement;
    /** Value path: the other fit rules, and the points of source-equality rules per source. */
    final CompiledFit[] fitArray;
    final double[] sourcePoints = new double[LeadSource.values().length];
    private final boolean[] sourceMatches = new boolean[LeadSource.values().length];
    final EngagementRule[] engagementArray;

    CompiledGroup(ScoreGroup g) {
      this.name = g.name();
      this.cap = g.cap();
      for (FitRule r : g.fit()) {
        fit.add(new CompiledFit(r));
      }
      this.engagement = g.engagement();
      List<CompiledFit> others = new ArrayList<>();
      for (FitRule r : g.fit()) {
        if (r.field() == LeadField.SOURCE && r.operator() == FitOperator.EQUALS) {
          for (String v : r.values()) {
            sourceMatches[LeadSource.parse("values", v).ordinal()] = true;
          }
          for (LeadSource s : LeadSource.values()) {
            if (sourceMatches[s.ordinal()]) {
              sourcePoints[s.ordinal()] += r.points();
            }
          }
          java.util.Arrays.fill(sourceMatches, false);
        } else {
          others.add(new CompiledFit(r));
        }
      }
      this.fitArray = others.toArray(new CompiledFit[0]);
      this.engagementArray = engagement.toArray(new EngagementRule[0]);
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
      String[] values = rule.normalizedValues().toArray(new String[0]);
      LeadField field = rule.field();
      return switch (rule.operator()) {
        case PRESENT -> lead -> hasValue(lead, field);
        case ABSENT -> lead -> !hasValue(lead, field);
        case EQUALS -> {
          if (field == LeadField.SOURCE) {
            java.util.Set<LeadSource> sources = java.util.EnumSet.noneOf(LeadSource.class);
            for (String v : values) {
              sources.add(LeadSource.parse("values", v));
            }
            yield lead -> sources.contains(lead.source());
          }
          yield lead -> anyValue(lead, field, values, false);
        }
        case CONTAINS -> lead -> anyValue(lead, field, values, true);
        case AT_LEAST -> {
          int min = Integer.parseInt(values[0]);
          yield lead -> {
            int size = LeadFields.companySize(lead);
            return size >= 0 && size >= min;
          };
        }
        case BELOW -> {
          int max = Integer.parseInt(values[0]);
          yield lead -> {
            int size = LeadFields.companySize(lead);
            return size >= 0 && size < max;
          };
        }
      };
    }

    private static boolean hasValue(Lead lead, LeadField field) {
      if (field == LeadField.TAG) {
        return !lead.tags().isEmpty();
      }
      String v = single(lead, field);
      return v != null && !v.isBlank();
    }

    /** Whether any value of the field equals or contains one of the lower-case operands. */
    private static boolean anyValue(Lead lead, LeadField field, String[] values, boolean contains) {
      if (field == LeadField.TAG) {
        for (String tag : lead.tags()) {
          if (matchesAny(tag, 0, values, contains)) {
            return true;
          }
        }
        return false;
      }
      String v = single(lead, field);
      if (v == null) {
        return false;
      }
      // the e-mail domain is compared in place, after the '@', without a substring
      int from = field == LeadField.EMAIL_DOMAIN ? v.lastIndexOf('@') + 1 : 0;
      return matchesAny(v, from, values, contains);
    }

    private static boolean matchesAny(String text, int from, String[] values, boolean contains) {
      for (String v : values) {
        if (contains
            ? containsIgnoreCase(text, from, v)
            : text.length() - from == v.length() && text.regionMatches(true, from, v, 0, v.length())) {
          return true;
        }
      }
      return false;
    }

    /** Case-insensitive substring test from {@code from} without allocating; {@code needle} is lower case. */
    private static boolean containsIgnoreCase(String text, int from, String needle) {
      int last = text.length() - needle.length();
      for (int i = from; i <= last; i++) {
        if (text.regionMatches(true, i, needle, 0, needle.length())) {
          return true;
        }
      }
      return false;
    }

    /**
     * The value of a single-valued field, or {@code null} when absent; for {@link
     * LeadField#EMAIL_DOMAIN} the whole address (callers look past the '@').
     */
    private static String single(Lead lead, LeadField field) {
      return switch (field) {
        case NAME -> lead.name();
        case EMAIL_DOMAIN -> LeadFields.email(lead);
        case PHONE -> LeadFields.phone(lead);
        case COMPANY -> LeadFields.company(lead);
        case JOB_TITLE -> LeadFields.jobTitle(lead);
        case INDUSTRY -> LeadFields.industry(lead);
        case COMPANY_SIZE -> {
          int size = LeadFields.companySize(lead);
          yield size >= 0 ? Integer.toString(size) : null;
        }
        case COUNTRY -> LeadFields.country(lead);
        case SOURCE -> lead.source().name();
        case UTM_SOURCE -> lead.utm().source();
        case UTM_MEDIUM -> lead.utm().medium();
        case UTM_CAMPAIGN -> lead.utm().campaign();
        case OWNER -> LeadFields.owner(lead);
        // multi-valued: hasValue and anyValue look at the tags before they ask for a single value
        case TAG -> throw new IllegalStateException(field.name());
      };
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
