package dev.bizo.benchmarks.server;

import dev.bizo.core.http.OutboundHttp;
import java.io.IOException;
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
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A WildFly bootable jar run as its own {@code java -jar} process on free loopback ports, timed from
 * process start until {@code GET /health/ready} on the management port answers 200 with a named check of
 * the deployment in it (WildFly answers UP before any deployment is in). Stopped with SIGTERM, then killed,
 * together with its child processes (the embedded PostgreSQL), also when the suite's JVM exits.
 */
final class ServerProcess implements AutoCloseable {

  /** USER_HZ of Linux on every mainstream architecture. */
  private static final long CLOCK_TICKS_PER_SECOND = 100;

  private static final HttpClient HTTP = OutboundHttp.clientBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final Pattern SEARCH_MODEL_READY =
      Pattern.compile("\"name\"\\s*:\\s*\"search-model\"[^}]*\"state\"\\s*:\\s*\"READY\"");

  private final Process process;
  private final int httpPort;
  private final int managementPort;
  private final Path log;
  private final Duration coldStart;
  private final Thread killer;

  private ServerProcess(Path jar, List<String> jvmFlags, Map<String, String> env, List<String> args, String readyCheck, Path log,
      Duration timeout) throws IOException, InterruptedException {
    this.httpPort = freePort();
    this.managementPort = freePort();
    this.log = log;
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.add("-jar");
    command.add(jar.toString());
    command.add("-Djboss.http.port=" + httpPort);
    command.add("-Djboss.management.http.port=" + managementPort);
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    long started = System.nanoTime();
    process = builder.start();
    killer = new Thread(this::stop, "benchmark-server-killer");
    Runtime.getRuntime().addShutdownHook(killer);
    try {
      awaitReady(readyCheck, started + timeout.toNanos());
    } catch (IOException | InterruptedException | RuntimeException e) {
      close();
      throw e;
    }
    coldStart = Duration.ofNanos(System.nanoTime() - started);
  }

  /**
   * Starts {@code jar} and waits until its readiness lists {@code readyCheck}.
   *
   * @param jvmFlags the JVM's options, before {@code -jar}
   * @param env extra environment variables
   * @param args extra arguments after the jar (server options such as {@code -Dname=value})
   * @param log where the server's output goes
   * @param timeout how long the start may take
   */
  static ServerProcess start(Path jar, List<String> jvmFlags, Map<String, String> env, List<String> args, String readyCheck, Path log,
      Duration timeout) throws IOException, InterruptedException {
    return new ServerProcess(jar, jvmFlags, env, args, readyCheck, log, timeout);
  }

  /** Process start to ready. */
  Duration coldStart() {
    return coldStart;
  }

  /** {@code http://127.0.0.1:<port>} of the HTTP listener. */
  URI http() {
    return URI.create("http://127.0.0.1:" + httpPort);
  }

  /** The server's JVM process id. */
  long pid() {
    return process.pid();
  }

  /** A {@code /proc/<pid>/status} field in KiB, e.g. {@code VmRSS} or {@code VmHWM}, of the server's JVM. */
  long statusKib(String field) throws IOException {
    return statusKib(process.pid(), field).orElseThrow(() -> new IllegalStateException("no " + field + " for " + process.pid()));
  }

  /**
   * The sum of {@code VmRSS} over the processes whose command line names {@code path} (the embedded
   * PostgreSQL's postmaster names its data directory; {@code pg_ctl} detaches it from the server) and their
   * descendants, in KiB. Shared memory is counted once per process.
   */
  static long companionRssKib(Path path) {
    return companions(path).mapToLong(p -> statusKib(p.pid(), "VmRSS").orElse(0)).sum();
  }

  /** Kills what {@link #companionRssKib} counts: left behind only when the server could not stop them. */
  static void killCompanions(Path path) {
    companions(path).forEach(ProcessHandle::destroyForcibly);
  }

  private static Stream<ProcessHandle> companions(Path path) {
    String needle = path.toString();
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains(needle)).orElse(false))
        .flatMap(p -> Stream.concat(Stream.of(p), p.descendants()))
        .distinct();
  }

  private static OptionalLong statusKib(long pid, String field) {
    Path status = Path.of("/proc", Long.toString(pid), "status");
    try (Stream<String> lines = Files.lines(status)) {
      return lines.filter(l -> l.startsWith(field + ":"))
          .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
          .findFirst();
    } catch (IOException | java.io.UncheckedIOException gone) {
      return OptionalLong.empty(); // the process has exited
    }
  }

  /**
   * CPU time used so far by the processes {@link #companionRssKib} counts (the embedded PostgreSQL's
   * postmaster and its backends), in ms: their own, and for the processes that name {@code path} (the
   * postmaster) also that of their children already reaped, such as backends whose connections closed.
   */
  static long companionCpuMillis(Path path) {
    String needle = path.toString();
    return companions(path).mapToLong(p -> cpuMillis(p.pid(), p.info().commandLine().map(c -> c.contains(needle)).orElse(false))
        .orElse(0)).sum();
  }

  /** CPU time the server's JVM has used so far (user and system), from {@code /proc/<pid>/stat}, in ms. */
  long cpuMillis() throws IOException {
    return cpuMillis(process.pid(), false).orElseThrow(() -> new IllegalStateException("no CPU time for " + process.pid()));
  }

  private static OptionalLong cpuMillis(long pid, boolean withReapedChildren) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // after the command name: state is field 3, utime 14, stime 15, cutime 16, cstime 17 (1-based over the line)
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      if (withReapedChildren) {
        ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
      }
      return OptionalLong.of(ticks * 1000 / CLOCK_TICKS_PER_SECOND);
    } catch (IOException | java.io.UncheckedIOException gone) {
      return OptionalLong.empty(); // the process has exited
    }
  }

  /** The last lines of the server's output, for failure messages. */
  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  private void awaitReady(String readyCheck, long deadline) throws IOException, InterruptedException {
    HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/health/ready"))
        .timeout(Duration.ofSeconds(5)).build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the server exited with " + process.exitValue() + " before it was ready (log " + log + "):\n"
            + logTail());
      }
      try {
        HttpResponse<String> response = HTTP.send(ready, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && response.body().contains("\"" + readyCheck + "\"")) {
          return;
        }
        if (response.body().contains("\"FAILED\"")) {
          throw new IllegalStateException("deployment failed: " + response.body() + "\n" + logTail());
        }
      } catch (IOException notListeningYet) {
        // the management port opens a few seconds into the boot
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the server was not ready in time (log " + log + "):\n" + logTail());
  }

  /**
   * Waits until readiness reports the search model loaded (its {@code search-model} check's state {@code READY}):
   * the model loads in the background after ready, and a measurement of steady-state load must not share the
   * cores with it.
   *
   * @return how long the wait took
   */
  Duration awaitSearchModel(Duration timeout) throws IOException, InterruptedException {
    HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/health/ready"))
        .timeout(Duration.ofSeconds(5)).build();
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      last = HTTP.send(ready, HttpResponse.BodyHandlers.ofString()).body();
      if (SEARCH_MODEL_READY.matcher(last).find()) {
        return Duration.ofNanos(System.nanoTime() - start);
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the search model did not load within " + timeout + "; readiness: " + last);
  }

  /** SIGTERM, up to 60 s for a graceful stop, then SIGKILL; children left behind are killed too. */
  private void stop() {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    for (ProcessHandle child : children) {
      if (child.isAlive()) {
        child.destroyForcibly();
      }
    }
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(killer);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook runs or ran: it did the same work
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }
}
