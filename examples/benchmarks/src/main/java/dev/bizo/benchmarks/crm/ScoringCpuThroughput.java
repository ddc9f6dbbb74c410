package dev.bizo.benchmarks.crm;

import dev.bizo.benchmarks.Figure;
import dev.bizo.benchmarks.Measurement;
import dev.bizo.benchmarks.Report;
import dev.bizo.benchmarks.Sizes;
import dev.bizo.benchmarks.SuiteSize;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The work of {@link LeadScoringBenchmark}, measured per second of the measuring thread's own CPU time:
 * leads scored per CPU-second is leads per second on one core, the figure the goals name (rules at least
 * 5M leads/s, predictive at least 1M leads/s, value only), and it holds on a shared machine, where JMH's
 * wall-clock figure also counts time the thread waited for a core. Wall-clock leads per second and bytes
 * allocated per lead are printed in a note beside each.
 *
 * <p>Figures: {@code rule-scoring-throughput} (the default rule set, {@code scoreValue}) and
 * {@code predictive-scoring-throughput} (a model trained on 800 closed leads, {@code scoreValue}, 0–8
 * activities per lead), each against its goal; {@code rule-scoring-explained-throughput} and
 * {@code predictive-scoring-explained-throughput} ({@code score}, the explanation built), each against its
 * value-only figure. The engagement rules are in a note.
 *
 * <p>Run alone: {@code java -cp ... dev.bizo.benchmarks.crm.ScoringCpuThroughput [--full | --tiny]}; with
 * JMH: {@code java -cp ... org.openjdk.jmh.Main LeadScoringBenchmark}.
 */
public final class ScoringCpuThroughput implements Measurement {

  /** Goal of rule-based scoring, value only, leads per second per core. */
  static final double RULES_GOAL = 5_000_000;
  /** Goal of predictive scoring, value only, leads per second per core. */
  static final double PREDICTIVE_GOAL = 1_000_000;

  public static void main(String[] args) throws Exception {
    new ScoringCpuThroughput().run(Sizes.fromArgs(args), new Report(System.out));
  }

  @Override
  public String name() {
    return "scoring";
  }

  @Override
  public Duration bound(SuiteSize size) {
    return Duration.ofSeconds(size.ints(30, 90, 180));
  }

  @Override
  public void run(SuiteSize size, Report report) {
    double warm = size.doubles(0.3, 2, 3);
    double seconds = size.doubles(0.3, 4, 8);
    double side = size.doubles(0.2, 1, 3);
    LeadScoringBenchmark bench = new LeadScoringBenchmark();
    bench.setUp();
    Rate rules = measure(bench::seedsValue, warm, seconds);
    report.note("scoring: rules, default rule set, value only: " + rules);
    report.figure(new Figure("rule-scoring-throughput", rules.perCpuSecond(), "leads/s/core", RULES_GOAL, "leads/s/core goal"));
    Rate predictive = measure(bench::predictiveValue, warm, seconds);
    report.note("scoring: predictive, value only: " + predictive);
    report.figure(new Figure(
        "predictive-scoring-throughput", predictive.perCpuSecond(), "leads/s/core", PREDICTIVE_GOAL, "leads/s/core goal"));
    Rate rulesExplained = measure(bench::seedsExplained, warm, side);
    report.note("scoring: rules with the explanation: " + rulesExplained);
    report.figure(new Figure("rule-scoring-explained-throughput", rulesExplained.perCpuSecond(), "leads/s/core",
        rules.perCpuSecond(), "leads/s/core value-only"));
    report.note("scoring: rules with three decaying engagement rules, value only: " + measure(bench::engagementValue, warm, side));
    Rate predictiveExplained = measure(bench::predictiveExplained, warm, side);
    report.note("scoring: predictive with the explanation: " + predictiveExplained);
    report.figure(new Figure("predictive-scoring-explained-throughput", predictiveExplained.perCpuSecond(), "leads/s/core",
        predictive.perCpuSecond(), "leads/s/core value-only"));
  }

  /** Leads per CPU-second and per wall-second, bytes allocated per lead. */
  record Rate(double perCpuSecond, double perWallSecond, double bytesPerLead) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%.0f leads/cpu-s (wall-clock: %.0f leads/s, %.1f B/lead allocated)",
          perCpuSecond, perWallSecond, bytesPerLead);
    }
  }

  private static Rate measure(LongSupplier batch, double warmSeconds, double seconds) {
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    long sink = 0;
    long warmUntil = System.nanoTime() + (long) (warmSeconds * 1e9);
    while (System.nanoTime() < warmUntil) {
      sink += batch.getAsLong();
    }
    long batches = 0;
    long wall0 = System.nanoTime();
    long cpu0 = mx.getCurrentThreadCpuTime();
    long bytes0 = mx.getThreadAllocatedBytes(thread);
    long end = wall0 + (long) (seconds * 1e9);
    while (System.nanoTime() < end) {
      sink += batch.getAsLong();
      batches++;
    }
    long bytes = mx.getThreadAllocatedBytes(thread) - bytes0;
    double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
    double wall = (System.nanoTime() - wall0) / 1e9;
    double leads = (double) batches * LeadScoringBenchmark.LEADS;
    if (sink == Long.MIN_VALUE) {
      System.out.print(""); // keeps the scores alive so the JIT cannot drop the work
    }
    return new Rate(leads / cpu, leads / wall, bytes / leads);
  }
}
