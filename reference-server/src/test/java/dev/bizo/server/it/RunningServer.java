package dev.bizo.server.it;

import dev.bizo.core.http.OutboundHttp;
import dev.bizo.testkit.Eventually;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Store.CloseableResource;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The bootable jar as a separate {@code java -jar} process, started once for the whole failsafe run on
 * free ports with a temporary data directory, and killed when the run ends (or the JVM dies). Test
 * classes declare a {@code RunningServer} parameter after {@code @ExtendWith(RunningServer.Extension.class)}.
 */
public final class RunningServer implements CloseableResource, AutoCloseable {

  /**
   * How long a cold start may take before the suite gives up. Speed is the benchmark suite's business, not
   * this one's: on the shared 2-core build machine, with several builds running (load average 15-20), a cold
   * start has taken over 3 minutes.
   */
  static final Duration READY_TIMEOUT = Duration.ofMinutes(8);

  /** The server's shipped JVM flags, from the build (property server.jvm.flags of reference-server/pom.xml). */
  static final List<String> JVM_FLAGS = List.of(System.getProperty("bizo.server.jvm.flags", "").trim().split("\\s+")).stream()
      .filter(f -> !f.isEmpty()).toList();

  /** The access-token lifetime the suite runs with. */
  static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofSeconds(8);

  private final Process process;
  private final int httpPort;
  private final int managementPort;
  private final Path dataDir;
  private final Path log;
  private final Duration coldStart;
  private final Thread shutdownHook;
  final HttpClient http = OutboundHttp.clientBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final boolean ownsDataDir;

  private RunningServer(Path jar, Path givenDataDir, String logName, Map<String, String> extraEnvironment)
      throws IOException, InterruptedException {
    httpPort = freePort();
    managementPort = freePort();
    ownsDataDir = givenDataDir == null;
    dataDir = ownsDataDir ? newDataDir() : givenDataDir;
    log = jar.resolveSibling(logName);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // The JVM flags the server ships with (the README's run command), as set by the build, with the class archive
    // the build wrote (absent when built with -Dbizo.class-archive.skip).
    command.addAll(JVM_FLAGS);
    Path classArchive = Path.of(System.getProperty("bizo.server.class.archive", jar.resolveSibling("bizo-server.jsa").toString()));
    if (Files.isRegularFile(classArchive)) {
      command.add("-XX:SharedArchiveFile=" + classArchive);
    }
    command.add("-jar");
    command.add(jar.toString());
    command.add("-Djboss.management.http.port=" + managementPort);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    // The HTTP port goes through the environment, as an operator would set it; management through -D.
    builder.environment().put("BIZO_HTTP_PORT", Integer.toString(httpPort));
    builder.environment().put("BIZO_DATA_DIR", dataDir.toString());
    // Short-lived access tokens and no clock skew, so one test can watch a token expire.
    builder.environment().put("BIZO_AUTH_ACCESS_TOKEN_LIFETIME", ACCESS_TOKEN_LIFETIME.toString());
    builder.environment().put("BIZO_AUTH_CLOCK_SKEW", "PT0S");
    // Background work at test pace: reconciliation after a second, deliveries every second, new tenants seen at once;
    // webhook receivers run on this machine's loopback.
    builder.environment().put("BIZO_PAYMENTS_RECONCILE_DELAYS", "PT1S,PT2S");
    builder.environment().put("BIZO_PAYMENTS_RECONCILE_INTERVAL", "PT1S");
    builder.environment().put("BIZO_WEBHOOKS_DELIVERY_INTERVAL", "PT1S");
    builder.environment().put("BIZO_JOBS_TENANTS_REFRESH", "PT1S");
    builder.environment().put("BIZO_CRM_INTERVAL", "PT1S");
    builder.environment().put("BIZO_WEBHOOKS_ALLOWED_HOSTS", "127.0.0.1");
    builder.environment().putAll(extraEnvironment);
    long started = System.nanoTime();
    process = builder.start();
    shutdownHook = new Thread(this::kill, "bizo-it-server-killer");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    try {
      awaitReady();
    } catch (InterruptedException | RuntimeException | AssertionError e) {
      close();
      throw e;
    }
    coldStart = Duration.ofNanos(System.nanoTime() - started);
    System.out.printf(
        "bizo-it: server ready on port %d (management %d): cold start %d ms, RSS %d MiB, jar %d MiB%n",
        httpPort, managementPort, coldStart.toMillis(), residentSetKib() / 1024, Files.size(jar) / (1024 * 1024));
  }

  /**
   * A server of its own on {@code dataDir}, which it leaves in place when closed: for tests that
   * restart the server on the same data.
   */
  static RunningServer startOn(Path dataDir, String logName) throws IOException, InterruptedException {
    return new RunningServer(jarPath(), dataDir, logName, Map.of());
  }

  /** Like {@link #startOn(Path, String)}, with extra environment settings, e.g. {@code BIZO_SEARCH_PRELOAD_DELAY}. */
  static RunningServer startOn(Path dataDir, String logName, Map<String, String> environment)
      throws IOException, InterruptedException {
    return new RunningServer(jarPath(), dataDir, logName, environment);
  }

  /**
   * A new empty data directory, traversable by others (rwxr-xr-x) like {@code ./bizo-data}: when the
   * tests run as root, PostgreSQL runs in a user namespace and must reach its cluster directory.
   */
  static Path newDataDir() throws IOException {
    return Files.createTempDirectory("bizo-it-data", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
  }

  /** The base URI of the HTTP listener, e.g. {@code http://127.0.0.1:41234}. */
  public URI http() {
    return URI.create("http://127.0.0.1:" + httpPort);
  }

  /** The base URI of the management listener, where the health endpoints are. */
  public URI management() {
    return URI.create("http://127.0.0.1:" + managementPort);
  }

  /** Process start to readiness. */
  public Duration coldStart() {
    return coldStart;
  }

  /** Resident set size of the server process, from {@code /proc/<pid>/status}. */
  public long residentSetKib() throws IOException {
    Path status = Path.of("/proc", Long.toString(process.pid()), "status");
    try (Stream<String> lines = Files.lines(status)) {
      return lines
          .filter(l -> l.startsWith("VmRSS:"))
          .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no VmRSS in " + status));
    }
  }

  /** The server's {@code BIZO_DATA_DIR}. */
  public Path dataDir() {
    return dataDir;
  }

  /** The HTTP port the server was given through {@code BIZO_HTTP_PORT}. */
  public int httpPort() {
    return httpPort;
  }

  /** The server's whole log so far. */
  public String log() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  /** The server's log so far, for assertion messages. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  private void awaitReady() throws InterruptedException {
    HttpRequest ready =
        HttpRequest.newBuilder(management().resolve("/health/ready")).timeout(Duration.ofSeconds(5)).build();
    // WildFly answers UP with placeholder checks before the deployment is in; wait for ours.
    Predicate<HttpResponse<String>> oursUp = r -> r.statusCode() == 200 && r.body().contains("\"data-directory\"");
    Eventually.waiting(READY_TIMEOUT, "the server is ready")
        .every(Duration.ofMillis(100))
        .abortWhen(() -> !process.isAlive(), () -> "server exited with " + process.exitValue() + " before it was ready:\n" + logTail())
        .describingTimeout(this::logTail)
        .until(() -> {
          try {
            HttpResponse<String> response = http.send(ready, HttpResponse.BodyHandlers.ofString());
            if (!oursUp.test(response) && response.body().contains("\"FAILED\"")) {
              throw new AssertionError("deployment failed: " + response.body() + "\n" + logTail());
            }
            return Optional.of(response);
          } catch (IOException notListeningYet) {
            // The management port opens a few seconds into the boot.
            return Optional.<HttpResponse<String>>empty();
          }
        }, response -> response.isPresent() && oursUp.test(response.get()));
  }

  @Override
  public void close() {
    kill();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook is running or has run; it did the same work.
    }
    if (ownsDataDir) {
      deleteRecursively(dataDir);
    }
  }

  private void kill() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  static void deleteRecursively(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("bizo-it: could not delete " + root + ": " + e);
    }
  }

  private static Path jarPath() {
    String jar = System.getProperty("bizo.server.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException(
          "bizo.server.jar must name the bootable jar (run through failsafe after package): " + jar);
    }
    return Path.of(jar);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  /** Starts the server on first use and shares it with every test class of the run. */
  public static final class Extension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == RunningServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return context
          .getRoot()
          .getStore(ExtensionContext.Namespace.create(RunningServer.class))
          .getOrComputeIfAbsent("server", key -> start(), RunningServer.class);
    }

    private static RunningServer start() {
      try {
        // Next to the jar; another module's run (client-it) names its own, so as not to overwrite this one's.
        return new RunningServer(jarPath(), null, System.getProperty("bizo.server.log", "it-server.log"), Map.of());
      } catch (IOException e) {
        throw new IllegalStateException("could not start the server", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting the server", e);
      }
    }
  }
}
