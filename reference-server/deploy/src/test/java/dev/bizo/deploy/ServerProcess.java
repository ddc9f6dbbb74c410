package dev.bizo.deploy;

import dev.bizo.core.http.OutboundHttp;
import dev.bizo.testkit.Eventually;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One reference-server replica as a {@code java -jar} process on loopback ports, started with the JVM
 * flags of the container's ENTRYPOINT (heap sized from the pod's memory limit via {@code -XX:MaxRAM}) and its
 * own {@code java.io.tmpdir}, data directory and empty working directory, so the test can see what it writes.
 */
final class ServerProcess implements AutoCloseable {

  /** 240 s, or {@code -Dbizo.server.ready-timeout-seconds} on a machine busier than CI's. */
  static final Duration READY_TIMEOUT = Duration.ofSeconds(Long.getLong("bizo.server.ready-timeout-seconds", 240));

  /** The Deployment's memory limit, given to the JVM as -XX:MaxRAM so MaxRAMPercentage sizes the heap as in a pod. */
  static final String CONTAINER_MEMORY = "1280m";

  private final String name;
  private final Path jar;
  private final Path home;
  private final int httpPort;
  private final int managementPort;
  private final Map<String, String> environment;
  private final HttpClient http = OutboundHttp.clientBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private volatile Process process;
  private Thread shutdownHook;
  private int starts;

  ServerProcess(String name, Path jar, Path home, int httpPort, int managementPort, Map<String, String> environment) {
    this.name = name;
    this.jar = jar;
    this.home = home;
    this.httpPort = httpPort;
    this.managementPort = managementPort;
    this.environment = Map.copyOf(environment);
  }

  /** Starts the process and waits until /health/ready answers 200 with the application's checks in. */
  Duration start(List<String> jvmFlags) throws IOException, InterruptedException {
    long started = System.nanoTime();
    launch(jvmFlags);
    awaitReady();
    return Duration.ofNanos(System.nanoTime() - started);
  }

  /** Starts the process without waiting for it to be ready. */
  void launch(List<String> jvmFlags) throws IOException {
    Files.createDirectories(tmpDir());
    Files.createDirectories(workDir());
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:MaxRAM=" + CONTAINER_MEMORY);
    command.addAll(jvmFlags);
    command.add("-Djava.io.tmpdir=" + tmpDir());
    command.add("-jar");
    command.add(jar.toString());
    // Loopback only: the test never opens a port beyond this machine.
    command.add("-b=127.0.0.1");
    command.add("-bmanagement=127.0.0.1");
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(workDir().toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
    builder.environment().putAll(environment);
    builder.environment().put("BIZO_HTTP_PORT", Integer.toString(httpPort));
    builder.environment().put("BIZO_MANAGEMENT_PORT", Integer.toString(managementPort));
    builder.environment().put("BIZO_DATA_DIR", dataDir().toString());
    process = builder.start();
    starts++;
    // Should the test JVM itself die, take the replica with it rather than leave it running.
    Process started0 = process;
    forgetShutdownHook();
    shutdownHook = new Thread(started0::destroyForcibly, name + "-killer");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  private void awaitReady() throws InterruptedException {
    Eventually.waiting(READY_TIMEOUT, name + " is ready")
        .every(Duration.ofMillis(250))
        .abortWhen(() -> !process.isAlive(), () -> name + " exited with " + process.exitValue() + " before it was ready:\n" + logTail())
        .describingTimeout(this::logTail)
        // WildFly answers UP with its own checks before the deployment is in; wait for the application's.
        .until(this::readiness, ready -> ready.isPresent() && ready.get().statusCode() == 200 && ready.get().body().contains("\"database\""));
  }

  /** What /health/ready answers; empty while the management port is not open yet (a few seconds into the boot). */
  private Optional<HttpResponse<String>> readiness() throws InterruptedException {
    try {
      return Optional.of(get(management(ServerFacts.READY_PATH)));
    } catch (IOException notListeningYet) {
      return Optional.empty();
    }
  }

  /** SIGKILL (destroyForcibly is SIGKILL on Linux): no shutdown hook, no graceful suspend. */
  void kill() throws InterruptedException {
    forgetShutdownHook();
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError(name + " survived SIGKILL for 30 s");
    }
  }

  /**
   * SIGTERM, as a pod's stop sends it, and the exit status once the JVM has stopped.
   *
   * @throws AssertionError when it has not stopped within the grace period (it is then SIGKILLed)
   */
  int stop() throws InterruptedException {
    forgetShutdownHook();
    process.destroy();
    if (!process.waitFor(45, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError(name + " did not stop within 45 s of SIGTERM:\n" + logTail());
    }
    return process.exitValue();
  }

  /** A port free on the loopback interface now. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** SIGTERM, then SIGKILL if it has not stopped within the grace period. */
  @Override
  public void close() throws InterruptedException {
    forgetShutdownHook();
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(45, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private void forgetShutdownHook() {
    if (shutdownHook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException alreadyShuttingDown) {
        // The hook runs now and does the same work.
      }
      shutdownHook = null;
    }
  }

  HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  URI api(String path) {
    return URI.create("http://127.0.0.1:" + httpPort + path);
  }

  URI management(String path) {
    return URI.create("http://127.0.0.1:" + managementPort + path);
  }

  String name() {
    return name;
  }

  int starts() {
    return starts;
  }

  /** BIZO_DATA_DIR: the embedded database's cluster is in its {@code postgres} directory. */
  Path dataDir() {
    return home.resolve("data");
  }

  /** Whether the server JVM runs. */
  boolean isAlive() {
    return process != null && process.isAlive();
  }

  Path tmpDir() {
    return home.resolve("tmp");
  }

  Path workDir() {
    return home.resolve("work");
  }

  Path log() {
    return home.resolve(name + ".log");
  }

  /** Resident set size of the server JVM, from /proc. */
  long residentSetMib() throws IOException {
    return statusField("VmRSS:") / 1024;
  }

  /** Peak resident set size of the server JVM, from /proc. */
  long peakResidentSetMib() throws IOException {
    return statusField("VmHWM:") / 1024;
  }

  private long statusField(String field) throws IOException {
    Path status = Path.of("/proc", Long.toString(process.pid()), "status");
    try (Stream<String> lines = Files.lines(status)) {
      return lines.filter(l -> l.startsWith(field)).map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst()
          .orElseThrow(() -> new IllegalStateException("no " + field + " in " + status));
    }
  }

  /** Up to {@code max} log lines matching {@code regex}, for a failure message. */
  String logLines(String regex, int max) {
    java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(regex);
    try (Stream<String> lines = Files.lines(log(), StandardCharsets.UTF_8)) {
      return lines.filter(l -> pattern.matcher(l).find()).limit(max).map(l -> l.length() > 300 ? l.substring(0, 300) : l)
          .collect(java.util.stream.Collectors.joining("\n  ", name + ":\n  ", ""));
    } catch (IOException | java.io.UncheckedIOException e) {
      return name + ": (log unreadable: " + e + ")";
    }
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }
}
