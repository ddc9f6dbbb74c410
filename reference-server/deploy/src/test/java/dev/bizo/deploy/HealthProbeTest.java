package dev.bizo.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.bizo.testkit.NodeHttpPeer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container's HEALTHCHECK program, compiled as the build stage compiles it and run with the exact
 * JVM flags of the HEALTHCHECK line against a local HTTP server: healthy only on 200.
 */
class HealthProbeTest {

  static final String SOURCE_IN_REPOSITORY = "reference-server/deploy/container/HealthProbe.java";

  @TempDir static Path classes;

  private static List<String> jvmFlags;

  @BeforeAll
  static void compile_the_probe_and_read_the_healthcheck_flags() {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    Path source = ServerFacts.serverDir().getParent().resolve(SOURCE_IN_REPOSITORY);
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int status = javac.run(null, null, errors, "--release", "17", "-d", classes.toString(), source.toString());
    assertThat(status).as(errors.toString(StandardCharsets.UTF_8)).isZero();

    Containerfile file = Containerfile.read(ServerFacts.serverDir().resolve("Containerfile"));
    String arguments = file.runtime().last("HEALTHCHECK").orElseThrow().arguments();
    List<String> exec = new Containerfile.Instruction("CMD", arguments.substring(arguments.indexOf("CMD ") + 4)).execForm().orElseThrow();
    jvmFlags = exec.subList(1, exec.indexOf("-cp"));
  }

  @Test
  void reports_healthy_when_readiness_answers_200() throws Exception {
    assertThat(probeAgainst(200)).isZero();
  }

  @Test
  void reports_unhealthy_when_readiness_answers_503() throws Exception {
    assertThat(probeAgainst(503)).isEqualTo(1);
  }

  @Test
  void offers_no_h2c_upgrade_so_a_node_server_with_an_upgrade_listener_answers() throws Exception {
    assumeTrue(NodeHttpPeer.nodeAvailable(), NodeHttpPeer.NO_NODE);
    try (NodeHttpPeer peer = NodeHttpPeer.start()
        .route("GET", ServerFacts.READY_PATH, 200, "application/json", "{\"status\":\"UP\"}")) {
      assertThat(run(peer.url(ServerFacts.READY_PATH).toString())).isZero();
      assertThat(peer.upgradesOffered()).isEmpty();
    }
  }

  @Test
  void reports_unhealthy_when_nothing_listens() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    assertThat(run("http://127.0.0.1:" + closedPort + ServerFacts.READY_PATH)).isEqualTo(1);
  }

  private static int probeAgainst(int status) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(ServerFacts.READY_PATH, exchange -> {
      byte[] body = "{\"status\":\"-\"}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    try {
      return run("http://127.0.0.1:" + server.getAddress().getPort() + ServerFacts.READY_PATH);
    } finally {
      server.stop(0);
    }
  }

  private static int run(String url) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.add("-cp");
    command.add(classes.toString());
    command.add("HealthProbe");
    command.add(url);
    Path output = Files.createTempFile(classes, "probe", ".log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("probe finished").isTrue();
    System.out.println("health probe: " + Files.readString(output).strip() + " (exit " + process.exitValue() + ")");
    return process.exitValue();
  }
}
