package dev.bizo.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bizo.testkit.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A stop that comes right after ready, while the search model still loads in the background (readiness does
 * not wait for it): the server must exit cleanly, not die in ONNX Runtime's native code as it once did
 * (SIGSEGV in createSession, an hs_err file in its working directory, WildFly's stop cut short: ONNX Runtime's
 * own shutdown hook freed its environment under the load). Where exactly the load is when the SIGTERM lands
 * varies from run to run (still in Java, or in native code); the test makes sure it is loading, stops at once
 * and, in a second run, 0.7 s into the load (where the old server crashed three times in four), and checks that
 * the process ends cleanly whatever the moment.
 */
class StopWhileModelLoadsIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "SIGTERM {0} ms into the load")
  @ValueSource(ints = {0, 700})
  void sigterm_right_after_ready_exits_cleanly_while_the_model_loads(int intoTheLoadMillis) throws Exception {
    Path jar = Path.of(System.getProperty("bizo.server.jar", ServerFacts.serverDir().resolve("target/bizo-server-bootable.jar").toString()));
    assumeTrue(Files.isRegularFile(jar), "no bootable jar at " + jar + ": build reference-server first; the stop test did NOT run");
    Path home = Files.createTempDirectory("bizo-stop-while-loading");
    ServerProcess server = new ServerProcess("stopping", jar, home, ServerProcess.freePort(), ServerProcess.freePort(), Map.of());
    try {
      server.start(List.of("-XX:+UseSerialGC", "-Xmx512m"));
      String state = Eventually.waiting(Duration.ofSeconds(60), "the search model's load to begin")
          .every(Duration.ofMillis(20))
          .until(() -> modelState(server), s -> !s.equals("NOT_STARTED"));
      assertThat(state).as("the stop must come while the model loads").isEqualTo("LOADING");
      Thread.sleep(intoTheLoadMillis); // a point in time to stop at, not a wait for anything
      int exit = server.stop();

      try (Stream<Path> files = Files.list(server.workDir())) {
        assertThat(files.map(p -> p.getFileName().toString())).as("JVM crash reports").noneMatch(n -> n.startsWith("hs_err"));
      }
      assertThat(server.logLines("SIGSEGV|A fatal error has been detected", 5)).doesNotContain("SIGSEGV").doesNotContain("fatal error");
      // 143: the JVM ended by SIGTERM after its shutdown hooks ran; 0: it exited by itself
      assertThat(exit).as("exit status; log:\n" + server.logTail()).isIn(0, 143);
      assertThat(server.logLines("WFLYSRV0050", 1)).as("WildFly reports that it stopped").contains("stopped in");
    } finally {
      server.close();
    }
  }

  /** The search model's state as readiness reports it. */
  private static String modelState(ServerProcess server) throws Exception {
    JsonNode checks = JSON.readTree(server.get(server.management(ServerFacts.READY_PATH)).body()).path("checks");
    for (JsonNode check : checks) {
      if (check.path("name").asText().equals("search-model")) {
        return check.path("data").path("state").asText();
      }
    }
    throw new AssertionError("readiness has no search-model check: " + checks);
  }
}
