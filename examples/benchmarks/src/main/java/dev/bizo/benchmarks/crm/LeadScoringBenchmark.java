package dev.bizo.benchmarks.crm;

import dev.bizo.core.TenantId;
import dev.bizo.crm.Activity;
import dev.bizo.crm.ActivityType;
import dev.bizo.crm.Lead;
import dev.bizo.crm.scoring.EngagementRule;
import dev.bizo.crm.scoring.FitOperator;
import dev.bizo.crm.scoring.FitRule;
import dev.bizo.crm.scoring.LeadField;
import dev.bizo.crm.scoring.PredictiveModelTrainer;
import dev.bizo.crm.scoring.PredictiveScorer;
import dev.bizo.crm.scoring.RuleBasedScorer;
import dev.bizo.crm.scoring.RuleSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Leads scored per second on one thread (one core), for the rule-based and the predictive scorer,
 * value only ({@code scoreValue}, what bulk rescoring uses) and with the explanation ({@code score},
 * what the API returns). Goals: rules at least 5M leads/s, predictive at least 1M leads/s, value only.
 *
 * <p>Each invocation scores 4,096 varied leads, so one operation is one lead.
 * {@code seeds*} use the default rule set (the seeds' formula, no activities); {@code engagement*} add
 * three decaying engagement rules over 0–8 activities per lead.
 *
 * <p>Run: {@code java -cp ... org.openjdk.jmh.Main LeadScoringBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class LeadScoringBenchmark {

  static final int LEADS = 4096;

  private final Clock clock = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
  private Lead[] leads;
  private List<Activity>[] activities;
  private List<Activity> none;
  private RuleBasedScorer seeds;
  private RuleBasedScorer engagement;
  private PredictiveScorer predictive;

  @Setup
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void setUp() {
    TenantId tenant = TenantId.generate();
    leads = BenchmarkLeads.leads(tenant, clock, LEADS, 42).toArray(new Lead[0]);
    activities = BenchmarkLeads.activities(clock.instant(), LEADS, 8, 90, 7).toArray(new List[0]);
    none = List.of();
    seeds = RuleBasedScorer.withDefaults();
    engagement =
        new RuleBasedScorer(
            RuleSet.builder()
                .base(20)
                .fit(
                    "fit",
                    FitRule.of("Has a company", LeadField.COMPANY, FitOperator.PRESENT, 15),
                    FitRule.of("Senior title", LeadField.JOB_TITLE, FitOperator.CONTAINS, 20, "ceo", "vp", "chief"),
                    FitRule.of("Mid-size", LeadField.COMPANY_SIZE, FitOperator.AT_LEAST, 10, "200"))
                .engagement(
                    "engagement",
                    35,
                    EngagementRule.of("Email clicks", ActivityType.EMAIL_CLICK, 6, 14),
                    EngagementRule.of("Meetings", ActivityType.MEETING, 15, 30),
                    EngagementRule.of("Page views", ActivityType.PAGE_VIEW, 2, 7))
                .build());
    predictive =
        new PredictiveScorer(
            new PredictiveModelTrainer().train(tenant, 1, BenchmarkLeads.closed(tenant, clock, 800, 3), clock));
  }

  @Benchmark
  @OperationsPerInvocation(LEADS)
  public long seedsValue() {
    long sum = 0;
    for (Lead lead : leads) {
      sum += seeds.scoreValue(lead, none, clock);
    }
    return sum;
  }

  @Benchmark
  @OperationsPerInvocation(LEADS)
  public long seedsExplained() {
    long sum = 0;
    for (Lead lead : leads) {
      sum += seeds.score(lead, none, clock).contributions().size();
    }
    return sum;
  }

  @Benchmark
  @OperationsPerInvocation(LEADS)
  public long engagementValue() {
    long sum = 0;
    for (int i = 0; i < LEADS; i++) {
      sum += engagement.scoreValue(leads[i], activities[i], clock);
    }
    return sum;
  }

  @Benchmark
  @OperationsPerInvocation(LEADS)
  public long predictiveValue() {
    long sum = 0;
    for (int i = 0; i < LEADS; i++) {
      sum += predictive.scoreValue(leads[i], activities[i], clock);
    }
    return sum;
  }

  @Benchmark
  @OperationsPerInvocation(LEADS)
  public long predictiveExplained() {
    long sum = 0;
    for (int i = 0; i < LEADS; i++) {
      sum += predictive.score(leads[i], activities[i], clock).contributions().size();
    }
    return sum;
  }
}
