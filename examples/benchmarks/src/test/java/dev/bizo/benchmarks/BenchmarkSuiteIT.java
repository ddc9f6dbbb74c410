package dev.bizo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The smoke run: the packaged suite, started as {@code java -jar} the way the README says, at tiny sizes,
 * prints every figure once in the agreed format with positive values and exits 0. Proves the suite works;
 * asserts no speed.
 */
class BenchmarkSuiteIT {

  /** {@code name: value unit (baseline: value unit[ words], ratio: x)}. */
  static final Pattern FIGURE_LINE = Pattern.compile(
      "([a-z0-9]+(?:-[a-z0-9]+)*): (-?[0-9]+(?:\\.[0-9]+)?) (\\S+) \\(baseline: ([0-9]+(?:\\.[0-9]+)?) ([^,()]+), ratio: (-?[0-9]+\\.[0-9]{3})\\)");

  static final List<String> EXPECTED = List.of(
      "rls-insert-throughput",
      "rls-insert-throughput-single-row",
      "payment-overhead-p50",
      "payment-overhead-p99",
      "payment-overhead-durable-p50",
      "payment-overhead-durable-p99",
      "rule-scoring-throughput",
      "predictive-scoring-throughput",
      "rule-scoring-explained-throughput",
      "predictive-scoring-explained-throughput",
      "analytics-counts-by-status",
      "analytics-counts-by-source",
      "analytics-counts-by-score-band",
      "analytics-counts-by-owner",
      "analytics-counts-by-day",
      "analytics-counts-by-week",
      "analytics-counts-by-month",
      "analytics-funnel",
      "analytics-counts-by-status-with-pending",
      "analytics-lead-create-with-rollup-triggers",
      "semantic-search-first-load",
      "semantic-search-by-vector-p50",
      "semantic-search-by-vector-p99",
      "semantic-search-by-text-p50",
      "semantic-search-by-text-p99",
      "semantic-search-ann-build",
      "semantic-search-ann-recall-at-10",
      "semantic-search-ann-p50",
      "semantic-search-ann-p99",
      "semantic-search-fp16-model-size",
      "semantic-search-int8w-model-size",
      "semantic-search-int8e-model-size",
      "semantic-search-quantized-top10-agreement",
      "semantic-search-quantized-embed-p50",
      "semantic-search-fp16-top10-agreement",
      "semantic-search-fp16-embed-p50",
      "semantic-search-int8w-top10-agreement",
      "semantic-search-int8w-embed-p50",
      "semantic-search-int8e-top10-agreement",
      "semantic-search-int8e-embed-p50",
      "semantic-search-bundled-top10-agreement",
      "semantic-search-bundled-embed-p50",
      "webhook-delivery-new-tenant-first-event",
      "webhook-delivery-latency-p50",
      "webhook-delivery-latency-p99",
      "outbox-append-throughput",
      "server-jar-size",
      "server-war-jars",
      "server-cold-start",
      "server-rss-at-ready",
      "server-restart",
      "rest-lead-ingest",
      "rest-lead-ingest-p99",
      "server-cpu-per-lead",
      "server-rss-under-load",
      "server-peak-rss");

  /** Printed when {@code PGVECTOR_JDBC_URL} names a PostgreSQL with pgvector (the suite inherits the variable). */
  static final List<String> PGVECTOR = List.of(
      "semantic-search-pgvector-recall-at-10",
      "semantic-search-pgvector-p50",
      "semantic-search-pgvector-p99");

  private static final boolean WITH_PGVECTOR = System.getenv("PGVECTOR_JDBC_URL") != null
      && !System.getenv("PGVECTOR_JDBC_URL").isBlank();

  private static int exitCode;
  private static List<String> lines;
  private static String output;

  @BeforeAll
  static void run_the_suite_at_tiny_sizes() throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("bizo.benchmarks.jar"));
    Path log = Files.createTempFile("bizo-benchmarks-smoke", ".log");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(), "--tiny"));
    String serverJar = System.getProperty("bizo.server.jar");
    if (serverJar != null) {
      command.add("--server-jar=" + serverJar);
    }
    Process suite = new ProcessBuilder(command).redirectOutput(log.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    if (!suite.waitFor(6, TimeUnit.MINUTES)) {
      suite.descendants().forEach(ProcessHandle::destroyForcibly);
      suite.destroyForcibly();
      throw new AssertionError("the tiny suite did not finish in 6 minutes:\n" + Files.readString(log));
    }
    exitCode = suite.exitValue();
    output = Files.readString(log, StandardCharsets.UTF_8);
    lines = output.lines().toList();
    System.out.println(output);
  }

  @Test
  void exits_zero_without_a_failed_measurement() {
    assertThat(lines).as(output).noneMatch(l -> l.startsWith("# FAILED"));
    assertThat(exitCode).as(output).isZero();
  }

  @Test
  void prints_every_figure_exactly_once() {
    List<String> names = figureLines().stream().map(m -> m.group(1)).toList();

    List<String> expected = new ArrayList<>(EXPECTED);
    if (WITH_PGVECTOR) {
      expected.addAll(PGVECTOR);
    }
    assertThat(names).as(output).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void says_why_the_pgvector_figures_are_missing_when_they_are() {
    if (!WITH_PGVECTOR) {
      assertThat(lines).as(output).filteredOn(l -> l.startsWith("# semantic-search-pgvector: skipped, PGVECTOR_JDBC_URL is not set"))
          .hasSize(1);
    }
  }

  @Test
  void prints_nothing_but_figures_and_notes() {
    assertThat(lines).as(output).allMatch(l -> l.startsWith("# ") || FIGURE_LINE.matcher(l).matches());
  }

  @Test
  void every_figure_has_a_positive_value_baseline_and_ratio() {
    for (Matcher m : figureLines()) {
      assertThat(Double.parseDouble(m.group(2))).as(m.group()).isPositive();
      assertThat(Double.parseDouble(m.group(4))).as(m.group()).isPositive();
      assertThat(Double.parseDouble(m.group(6))).as(m.group()).isPositive();
    }
  }

  @Test
  void states_what_each_goal_baseline_is() {
    assertThat(lines).as(output)
        .anyMatch(l -> l.startsWith("rule-scoring-throughput: ") && l.contains("(baseline: 5000000 leads/s/core goal,"))
        .anyMatch(l -> l.startsWith("predictive-scoring-throughput: ") && l.contains("(baseline: 1000000 leads/s/core goal,"));
  }

  private static List<Matcher> figureLines() {
    List<Matcher> out = new ArrayList<>();
    for (String l : lines) {
      Matcher m = FIGURE_LINE.matcher(l);
      if (m.matches()) {
        out.add(m);
      }
    }
    return out;
  }
}
