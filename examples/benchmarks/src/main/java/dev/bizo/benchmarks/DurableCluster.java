package dev.bizo.benchmarks;

import dev.bizo.embedded.EmbeddedDatabase;
import dev.bizo.tenancy.TenancyDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A fresh cluster of the embedded default database in a temporary directory, durable as the server runs it
 * ({@code fsync} and {@code synchronous_commit} on: every commit waits for its WAL flush), unlike the test kit's
 * shared cluster; deleted on close. For figures whose cost is the commit itself.
 */
public final class DurableCluster implements AutoCloseable {

  private final Path directory;
  private final EmbeddedDatabase database;

  private DurableCluster(Path directory, EmbeddedDatabase database) {
    this.directory = directory;
    this.database = database;
  }

  /** Starts one. */
  public static DurableCluster start() {
    Path directory;
    try {
      directory = Files.createTempDirectory("bizo-bench-durable-pg");
    } catch (IOException e) {
      throw new UncheckedIOException("No temporary directory for the durable cluster", e);
    }
    try {
      return new DurableCluster(directory, EmbeddedDatabase.start(directory));
    } catch (RuntimeException e) {
      deleteTree(directory);
      throw e;
    }
  }

  /**
   * Bizo's persistence over this cluster, connecting as a non-owner application role; add modules, then start.
   *
   * @param poolSize the pool size
   * @return the builder
   */
  public TenancyDatabase.Builder persistence(int poolSize) {
    return TenancyDatabase.builder().jdbcUrl(database.jdbcUrl()).owner(EmbeddedDatabase.OWNER, "")
        .app("bizo_bench_app", "bench").poolSize(poolSize);
  }

  /** Runs {@code statement}, then {@code query}, as the cluster's superuser; returns the query's first value. */
  public String asSuperuser(String statement, String query) throws SQLException {
    try (Connection c = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.OWNER, "");
        Statement s = c.createStatement()) {
      s.execute(statement);
      try (ResultSet r = s.executeQuery(query)) {
        r.next();
        return r.getString(1);
      }
    }
  }

  @Override
  public void close() {
    try {
      database.close();
    } finally {
      deleteTree(directory);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete the durable cluster in " + root, e);
    }
  }
}
