import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Writes the server's class data sharing archive: starts the bootable jar once with
 * {@code -XX:ArchiveClassesAtExit}, waits until it is ready, stops it gracefully and checks that the JVM wrote
 * the archive. Later starts with {@code -XX:SharedArchiveFile} map the archived classes (WildFly's, the
 * libraries module's and Bizo's own) instead of loading, parsing and verifying them again.
 *
 * <p>Why a training run and not the JDK's {@code -XX:+AutoCreateSharedArchive}: that flag needs Java 19, and
 * the server's baseline is 17. An archive only serves the JVM build that wrote it, so the build writes it with
 * the JDK that builds the jar (the one that runs it on a developer's machine), and the container image writes
 * it in its runtime stage, with the image's own JRE. A stale or foreign archive costs nothing but a warning:
 * the JVM checks it and starts without it.
 *
 * <p>The training run uses a throw-away data directory and free ports, and removes the directory afterwards,
 * so nothing of it (no database, no master key) ends up in a build or an image.
 *
 * <p>Usage: {@code java ClassArchiveTraining.java JAR ARCHIVE [JVM flags...]}. Run by reference-server/pom.xml
 * at {@code package} and by the Containerfile.
 */
public final class ClassArchiveTraining {

  private static final Duration READY_WITHIN = Duration.ofMinutes(4);
  private static final Duration STOP_WITHIN = Duration.ofMinutes(3);

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: ClassArchiveTraining JAR ARCHIVE [JVM flags...]");
      System.exit(2);
    }
    Path jar = Path.of(args[0]).toAbsolutePath();
    Path archive = Path.of(args[1]).toAbsolutePath();
    List<String> flags = List.of(args).subList(2, args.length);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException("no server jar at " + jar);
    }
    Files.deleteIfExists(archive);
    Files.createDirectories(archive.getParent());
    Path data = Files.createTempDirectory("bizo-class-archive-training");
    Path log = archive.resolveSibling(archive.getFileName() + ".training.log");
    int management = freePort();
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(flags);
    command.add("-XX:ArchiveClassesAtExit=" + archive);
    command.add("-jar");
    command.add(jar.toString());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("BIZO_DATA_DIR", data.toString());
    builder.environment().put("BIZO_HTTP_PORT", Integer.toString(freePort()));
    builder.environment().put("BIZO_MANAGEMENT_PORT", Integer.toString(management));
    builder.environment().put("BIZO_EMBEDDED_DATABASE_PORT", Integer.toString(freePort()));
    long started = System.nanoTime();
    Process server = builder.start();
    try {
      awaitReady(server, URI.create("http://127.0.0.1:" + management + "/health/ready"), log);
      System.out.printf("class archive training: server ready in %.1f s%n", (System.nanoTime() - started) / 1e9);
    } finally {
      server.destroy(); // SIGTERM: WildFly shuts down, and the JVM writes the archive as it exits
      if (!server.waitFor(STOP_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
        server.destroyForcibly();
        throw new IllegalStateException("the training server did not stop within " + STOP_WITHIN + "; see " + log);
      }
      deleteTree(data);
    }
    if (!Files.isRegularFile(archive) || Files.size(archive) == 0) {
      throw new IllegalStateException("the JVM wrote no class archive at " + archive + "; see " + log);
    }
    System.out.printf("class archive training: %s, %.1f MiB%n", archive, Files.size(archive) / 1048576.0);
  }

  private static void awaitReady(Process server, URI ready, Path log) throws InterruptedException {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + READY_WITHIN.toNanos();
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        throw new IllegalStateException("the training server exited with " + server.exitValue() + "; see " + log);
      }
      try {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
        if (r.body().contains("\"FAILED\"")) {
          // WildFly's deployments-status check: the WAR failed to deploy and never will in this run
          throw new IllegalStateException("the training server's deployment failed; see " + log + " and: " + r.body());
        }
      } catch (IOException notListeningYet) {
        // the management port opens late in the boot; ask again below
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the training server was not ready within " + READY_WITHIN + "; see " + log);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
