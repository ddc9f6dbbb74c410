package dev.bizo.benchmarks;

import dev.bizo.benchmarks.crm.AnalyticsAtScale;
import dev.bizo.benchmarks.crm.ScoringCpuThroughput;
import dev.bizo.benchmarks.crm.SemanticSearchLatency;
import dev.bizo.benchmarks.server.ServerFigures;
import dev.bizo.benchmarks.webhooks.WebhookDeliveryLatency;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs every benchmark and prints each figure on one line, {@code name: value unit (baseline: value, ratio: x)};
 * lines starting with {@code #} say how the figures were taken.
 *
 * <pre>
 * java -jar examples/benchmarks/target/bizo-benchmarks-0.1.0-SNAPSHOT.jar [--full | --tiny] [--only=a,b]
 *      [--server-jar=PATH] [--bare-jar=PATH]
 * </pre>
 *
 * <p>Small sizes by default, {@code --full} for the sizes the goals name, {@code --tiny} for the build's smoke
 * run. Each measurement has a time bound; one that fails or overruns is reported and the others still run;
 * the exit status is then 1.
 */
public final class BenchmarkSuite {

  private BenchmarkSuite() {}

  /** The measurements, in the order they run: in-process first, then the server's. */
  public static List<Measurement> measurements(Optional<Path> serverJar, Optional<Path> bareJar) {
    return List.of(
        new RlsInsertThroughput(),
        new PaymentOverhead(),
        new ScoringCpuThroughput(),
        new AnalyticsAtScale(),
        new SemanticSearchLatency(),
        new WebhookDeliveryLatency(),
        new ServerFigures(serverJar, bareJar));
  }

  public static void main(String[] args) {
    SuiteSize size = SuiteSize.SMALL;
    Set<String> only = new LinkedHashSet<>();
    Optional<Path> serverJar = Optional.empty();
    Optional<Path> bareJar = Optional.empty();
    for (String a : args) {
      if (a.equals("--full")) {
        size = SuiteSize.FULL;
      } else if (a.equals("--tiny")) {
        size = SuiteSize.TINY;
      } else if (a.startsWith("--only=")) {
        only.addAll(Arrays.asList(a.substring("--only=".length()).split(",")));
      } else if (a.startsWith("--server-jar=")) {
        serverJar = Optional.of(Path.of(a.substring("--server-jar=".length())));
      } else if (a.startsWith("--bare-jar=")) {
        bareJar = Optional.of(Path.of(a.substring("--bare-jar=".length())));
      } else {
        System.err.println("Unknown argument " + a + "; usage: [--full | --tiny] [--only=rls,payments,scoring,analytics,"
            + "semantic-search,webhooks,server] [--server-jar=PATH] [--bare-jar=PATH]");
        System.exit(2);
      }
    }
    Report report = new Report(System.out);
    int cores = Runtime.getRuntime().availableProcessors();
    report.note(String.format(Locale.ROOT, "bizo benchmark suite, %s sizes; %d cores, Java %s, load average %.2f at start",
        size.name().toLowerCase(Locale.ROOT), cores, Runtime.version(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    long started = System.nanoTime();
    List<Measurement> selected = new ArrayList<>();
    for (Measurement m : measurements(serverJar, bareJar)) {
      if (only.isEmpty() || only.contains(m.name())) {
        selected.add(m);
      }
    }
    for (Measurement m : selected) {
      runBounded(m, size, report);
    }
    report.note(String.format(Locale.ROOT, "%d figures in %.0f s, load average %.2f at the end%s", report.figures().size(),
        (System.nanoTime() - started) / 1e9, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        report.failures().isEmpty() ? "" : "; FAILED: " + String.join("; ", report.failures())));
    // Measurements may leave non-daemon threads of libraries behind (pools, the embedded PostgreSQL's reaper).
    System.exit(report.failures().isEmpty() ? 0 : 1);
  }

  private static void runBounded(Measurement m, SuiteSize size, Report report) {
    Duration bound = m.bound(size);
    ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "benchmark-" + m.name());
      t.setDaemon(true);
      return t;
    });
    long started = System.nanoTime();
    Future<?> done = runner.submit(() -> {
      m.run(size, report);
      return null;
    });
    try {
      done.get(bound.toMillis(), TimeUnit.MILLISECONDS);
      report.note(String.format(Locale.ROOT, "%s took %.1f s", m.name(), (System.nanoTime() - started) / 1e9));
    } catch (TimeoutException e) {
      done.cancel(true);
      report.failure(m.name(), "not done within its bound of " + bound.toSeconds() + " s");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      cause.printStackTrace();
      report.failure(m.name(), String.valueOf(cause.getMessage()).replace('\n', ' '));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      report.failure(m.name(), "interrupted");
    } finally {
      runner.shutdownNow();
    }
  }
}
