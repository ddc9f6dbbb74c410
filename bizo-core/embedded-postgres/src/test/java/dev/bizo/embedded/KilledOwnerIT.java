package dev.bizo.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.ConfigurationException;
import dev.bizo.embedded.internal.PostmasterPidFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM killed on its own (SIGKILL, as the OOM killer does) leaves its PostgreSQL running, owning the cluster;
 * the next start must stop that server, and only that one, and come up with every committed row.
 */
class KilledOwnerIT {

  private static final Duration CHILD_READY_WAIT = Duration.ofSeconds(120);
  private static final Duration SHORT_STARTUP_WAIT = Duration.ofSeconds(5);

  @TempDir Path dir;

  /** Processes this test started or left running, ended after each test whatever happened. */
  private final List<ProcessHandle> started = new ArrayList<>();

  @AfterEach
  void endWhatTheTestStarted() {
    started.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  @Test
  void the_postgresql_left_by_a_killed_jvm_is_stopped_and_the_next_start_has_every_committed_row() throws Exception {
    Path cluster = dir.resolve("postgres");
    int rows = 500;
    Process child = startChildJvm(cluster, rows);
    long postmaster = PostmasterPidFile.read(cluster).orElseThrow().pid();
    ProcessHandle orphan = ProcessHandle.of(postmaster).orElseThrow();
    started.add(orphan);

    child.destroyForcibly();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child JVM ended by SIGKILL").isTrue();
    assertThat(running(orphan)).as("PostgreSQL outlives the JVM that started it (the orphan this is about)").isTrue();

    long starting = System.nanoTime();
    try (EmbeddedDatabase again = EmbeddedDatabase.start(cluster)) {
      long tookMillis = (System.nanoTime() - starting) / 1_000_000;
      System.out.printf("killed-owner: start over a leftover PostgreSQL (stop it, start afresh) took %d ms%n", tookMillis);
      assertThat(running(orphan)).as("the leftover server was stopped").isFalse();
      assertThat(PostmasterPidFile.read(cluster).orElseThrow().pid()).isNotEqualTo(postmaster);
      try (Connection c = DriverManager.getConnection(again.jdbcUrl(), EmbeddedDatabase.OWNER, "");
          Statement s = c.createStatement();
          ResultSet r = s.executeQuery("select count(*), min(n), max(n) from acknowledged")) {
        assertThat(r.next()).isTrue();
        assertThat(r.getInt(1)).as("committed rows").isEqualTo(rows);
        assertThat(r.getInt(2)).isEqualTo(1);
        assertThat(r.getInt(3)).isEqualTo(rows);
      }
    }
  }

  @Test
  void an_unrelated_live_process_named_in_postmaster_pid_is_never_signalled() throws Exception {
    Path cluster = initialisedCluster("foreign");
    Process sleeper = new ProcessBuilder("sleep", "600").start();
    started.add(sleeper.toHandle());
    writePidFile(cluster, sleeper.pid(), cluster.toRealPath());

    assertThatThrownBy(() -> EmbeddedDatabase.start(cluster, 0, SHORT_STARTUP_WAIT))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("left alone")
        .hasMessageContaining("pid " + sleeper.pid() + " in postmaster.pid is not PostgreSQL");
    assertThat(running(sleeper.toHandle())).as("the unrelated process was not signalled").isTrue();
  }

  @Test
  void a_postgresql_of_another_directory_named_in_postmaster_pid_is_never_signalled() throws Exception {
    Path cluster = initialisedCluster("mine");
    try (EmbeddedDatabase other = EmbeddedDatabase.start(dir.resolve("other"))) {
      Path otherPidFile = other.dataDirectory().resolve(PostmasterPidFile.FILE_NAME);
      long otherPostmaster = PostmasterPidFile.read(other.dataDirectory()).orElseThrow().pid();
      Files.copy(otherPidFile, cluster.resolve(PostmasterPidFile.FILE_NAME));

      assertThatThrownBy(() -> EmbeddedDatabase.start(cluster, 0, SHORT_STARTUP_WAIT))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("on another data directory");
      assertThat(ProcessHandle.of(otherPostmaster)).as("the other cluster's PostgreSQL still runs")
          .hasValueSatisfying(p -> assertThat(running(p)).isTrue());
      try (Connection c = DriverManager.getConnection(other.jdbcUrl(), EmbeddedDatabase.OWNER, "");
          Statement s = c.createStatement();
          ResultSet r = s.executeQuery("select 1")) {
        assertThat(r.next()).isTrue();
      }
    }
  }

  @Test
  void a_failed_start_holds_no_lock_so_a_retry_in_the_same_jvm_starts() throws Exception {
    Path cluster = initialisedCluster("retried");
    Process sleeper = new ProcessBuilder("sleep", "600").start();
    started.add(sleeper.toHandle());
    writePidFile(cluster, sleeper.pid(), cluster.toRealPath());
    // PostgreSQL refuses while the pid in its postmaster.pid lives: a start that fails after the lock is taken.
    assertThatThrownBy(() -> EmbeddedDatabase.start(cluster, 0, SHORT_STARTUP_WAIT)).isInstanceOf(ConfigurationException.class);

    sleeper.destroyForcibly().waitFor();
    try (EmbeddedDatabase retried = EmbeddedDatabase.start(cluster, 0, EmbeddedDatabase.STARTUP_WAIT);
        Connection c = DriverManager.getConnection(retried.jdbcUrl(), EmbeddedDatabase.OWNER, "");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select 1")) {
      assertThat(r.next()).isTrue();
    }
  }

  // ---- helpers ----

  /** Alive and not a zombie: an ended process whose parent (here not this JVM) has not reaped it yet counts as ended. */
  private static boolean running(ProcessHandle process) {
    if (!process.isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (IOException gone) {
      return false;
    }
  }

  private Path initialisedCluster(String name) {
    Path cluster = dir.resolve(name);
    EmbeddedDatabase.start(cluster).close();
    return cluster;
  }

  /** The first two lines of postmaster.pid, those the checks read (no shared-memory key for PostgreSQL to probe). */
  private static void writePidFile(Path cluster, long pid, Path dataDirectory) throws IOException {
    Files.writeString(cluster.resolve(PostmasterPidFile.FILE_NAME), pid + "\n" + dataDirectory + "\n");
  }

  /** Starts {@link ClusterInChildJvm} on {@code cluster} and waits until it has committed {@code rows} rows. */
  private Process startChildJvm(Path cluster, int rows) throws Exception {
    Path javaBinary = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(javaBinary.toString(), "-cp", System.getProperty("java.class.path"),
        "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"), ClusterInChildJvm.class.getName(), cluster.toString(), Integer.toString(rows))
        .redirectErrorStream(true)
        .start();
    started.add(child.toHandle());
    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> {
      try {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          seen.append(line).append('\n');
          if (line.equals(ClusterInChildJvm.READY + " " + rows)) {
            return true;
          }
        }
        return false;
      } catch (IOException e) {
        return false;
      }
    });
    boolean committed;
    try {
      committed = ready.get(CHILD_READY_WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      committed = false;
    }
    assertThat(committed).as(() -> "child JVM committed its rows; its output:\n" + seen).isTrue();
    // Keep draining its output so the child never blocks on a full pipe.
    CompletableFuture.runAsync(() -> {
      try {
        out.transferTo(Writer.nullWriter());
      } catch (IOException ended) {
        // The child was killed.
      }
    });
    return child;
  }
}
