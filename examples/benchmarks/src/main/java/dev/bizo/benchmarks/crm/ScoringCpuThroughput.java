package dev.bizo.benchmarks.crm;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The same work as {@link LeadScoringBenchmark}, measured per second of the measuring thread's own CPU
 * time, beside wall-clock leads per second and bytes allocated per lead. On a shared machine JMH's
 * wall-clock figure counts time the thread spent waiting for a core; leads per CPU-second is the per-core
 * figure the goals name (rules at least 5M leads/s, predictive at least 1M leads/s).
 *
 * <p>Arguments (optional): measuring seconds per path (default 5).
 */
public final class ScoringCpuThroughput {

  private ScoringCpuThroughput() {}

  public static void main(String[] args) {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
    LeadScoringBenchmark bench = new LeadScoringBenchmark();
    bench.setUp();
    measure("rules-seeds-value", bench::seedsValue, seconds);
    measure("rules-seeds-explained", bench::seedsExplained, seconds);
    measure("rules-engagement-value", bench::engagementValue, seconds);
    measure("predictive-value", bench::predictiveValue, seconds);
    measure("predictive-explained", bench::predictiveExplained, seconds);
  }

  private static void measure(String name, LongSupplier batch, double seconds) {
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    long sink = 0;
    long warmUntil = System.nanoTime() + 2_000_000_000L;
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
    System.out.printf(
        Locale.ROOT,
        "%s: %.0f leads/cpu-s (wall-clock: %.0f leads/s, %.1f B/lead allocated)%s%n",
        name, leads / cpu, leads / wall, bytes / leads, sink == Long.MIN_VALUE ? "!" : "");
  }
}
