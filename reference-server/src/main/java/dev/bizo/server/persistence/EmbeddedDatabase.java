package dev.bizo.server.persistence;

import dev.bizo.core.ConfigurationException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The PostgreSQL of the embedded default: a real server process whose cluster lives in a directory
 * that is kept between starts, listening on localhost only.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  /** The superuser the cluster is initialised with; it owns the schema and runs the migrations. */
  public static final String OWNER = "postgres";

  private final EmbeddedPostgres postgres;
  private final Path dataDirectory;

  private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
  }

  /**
   * Starts PostgreSQL over the cluster in {@code dataDirectory}, initialising it on first use.
   *
   * @param port the port to listen on, or 0 for a free one
   */
  public static EmbeddedDatabase start(Path dataDirectory, int port) {
    try {
      Files.createDirectories(dataDirectory);
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .setServerConfig("listen_addresses", "localhost")
              .setServerConfig("max_connections", "50")
              .setPGStartupWait(Duration.ofSeconds(60))
              // Stopped by the server's own shutdown, after the pool is closed.
              .setRegisterShutdownHook(false);
      if (port > 0) {
        builder.setPort(port);
      }
      return new EmbeddedDatabase(builder.start(), dataDirectory);
    } catch (IOException | RuntimeException e) {
      throw new ConfigurationException(
          "server.embedded_database_failed", "The embedded PostgreSQL in " + dataDirectory + " did not start: " + e.getMessage(), e);
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

  /** Stops the server process; the cluster stays on disk. */
  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
