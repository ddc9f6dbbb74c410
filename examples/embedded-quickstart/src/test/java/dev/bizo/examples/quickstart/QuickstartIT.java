package dev.bizo.examples.quickstart;

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
import org.junit.jupiter.api.TestInstance;

/**
 * Runs {@link Quickstart#main} as a user would, in a JVM of its own on this module's class path, and
 * checks what it printed: the program is part of the build, so an SDK change that breaks it breaks
 * {@code verify}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuickstartIT {

  private static final Pattern LEAD = Pattern.compile(
      "lead (.+): score (\\d+) \\((HOT|WARM|COLD)\\), explanation sums to (-?\\d+)");
  private static final Pattern CONTRIBUTION = Pattern.compile("\\s+([+-]\\d+)  (.+)");
  private static final Pattern PAID = Pattern.compile(
      "payment SUCCEEDED: EUR 49\\.90 on simulator, status CAPTURED, payment id ([0-9a-f-]{36}),"
          + " idempotency key order-1001-pay");
  private static final Pattern REPLAY = Pattern.compile(
      "payment replay with key order-1001-pay: payment id ([0-9a-f-]{36}), same payment true, same answer true");
  private static final Pattern STARTED = Pattern.compile(
      "embedded PostgreSQL started on localhost:(\\d+), data in (.+)");

  private int exitCode;
  private List<String> lines;

  @BeforeAll
  void runTheQuickstart() throws IOException, InterruptedException {
    Path stdout = Files.createTempFile("quickstart-", ".out");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(
            java.toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"), Quickstart.class.getName())
        .redirectOutput(stdout.toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("The quickstart did not finish within 5 minutes; output so far:\n"
          + Files.readString(stdout));
    }
    exitCode = process.exitValue();
    lines = Files.readAllLines(stdout, StandardCharsets.UTF_8);
    Files.delete(stdout);
    System.out.println("---- quickstart output ----");
    lines.forEach(System.out::println);
    System.out.println("---------------------------");
  }

  @Test
  void exits_normally() {
    assertThat(exitCode).as("exit code; output:\n%s", String.join("\n", lines)).isZero();
  }

  @Test
  void starts_the_embedded_postgresql_and_migrates_every_module() {
    assertThat(lines).anyMatch(line -> STARTED.matcher(line).matches());
    assertThat(lines).contains("database migrated: tenancy, core, payments, crm, webhooks, agents");
  }

  @Test
  void signs_up_a_tenant() {
    assertThat(lines).contains("tenant created: Acme Widgets (slug acme-widgets, owner owner@acme-widgets.example)");
  }

  @Test
  void prints_four_scored_leads_whose_explanations_add_up() {
    List<Integer> scores = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher lead = LEAD.matcher(lines.get(i));
      if (!lead.matches()) {
        continue;
      }
      int score = Integer.parseInt(lead.group(2));
      assertThat(Integer.parseInt(lead.group(4))).as("explanation of %s", lead.group(1)).isEqualTo(score);
      int printed = 0;
      int explanationLines = 0;
      for (int j = i + 1; j < lines.size(); j++) {
        Matcher contribution = CONTRIBUTION.matcher(lines.get(j));
        if (!contribution.matches()) {
          break;
        }
        printed += Integer.parseInt(contribution.group(1));
        explanationLines++;
      }
      assertThat(explanationLines).as("explanation lines of %s", lead.group(1)).isPositive();
      assertThat(printed).as("printed contributions of %s", lead.group(1)).isEqualTo(score);
      scores.add(score);
    }
    assertThat(scores).hasSize(4).allSatisfy(score -> assertThat(score).isBetween(0, 100));
    assertThat(scores.get(0)).as("the referred CEO outscores the anonymous website visitor").isGreaterThan(scores.get(3));
    assertThat(lines).contains("leads created: 4");
  }

  @Test
  void takes_a_simulator_payment_and_a_replay_returns_the_same_payment() {
    String paymentId = lines.stream().map(PAID::matcher).filter(Matcher::matches).map(m -> m.group(1))
        .findFirst().orElseThrow(() -> new AssertionError("no successful payment line in\n" + String.join("\n", lines)));
    String replayedId = lines.stream().map(REPLAY::matcher).filter(Matcher::matches).map(m -> m.group(1))
        .findFirst().orElseThrow(() -> new AssertionError("no replay line in\n" + String.join("\n", lines)));
    assertThat(replayedId).isEqualTo(paymentId);
  }

  @Test
  void runs_the_report_agent_offline_over_the_real_figures() {
    assertThat(lines).anyMatch(line -> line.startsWith("report agent (offline mode), run ") && line.contains(" SUCCEEDED, "));
    assertThat(lines).anyMatch(line -> line.startsWith(
        "report: 4 new leads, 2 qualified, 1 converted (25.0 %), 1 successful payments, gross EUR 49.90, net EUR 49.90"));
    assertThat(lines).anyMatch(line -> line.startsWith("report narrative: ") && line.contains("49.90"));
  }

  @Test
  void stops_postgresql_and_removes_its_temporary_data() {
    Path dataDir = lines.stream().map(STARTED::matcher).filter(Matcher::matches).map(m -> Path.of(m.group(2)))
        .findFirst().orElseThrow();
    assertThat(lines).contains("embedded PostgreSQL stopped", "temporary directory removed: true");
    assertThat(dataDir).doesNotExist();
  }
}
