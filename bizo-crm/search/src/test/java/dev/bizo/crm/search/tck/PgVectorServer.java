package dev.bizo.crm.search.tck;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bizo.testkit.TestDatabase;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A PostgreSQL server with the pgvector extension for tests of the pgvector path, named by the environment
 * variable {@value #VARIABLE} (a JDBC URL with {@code user} and {@code password} parameters, as {@code
 * ../shared/tools/pgvector-postgres start} prints it; the user must be allowed to create databases and the
 * extension). Tests that need it skip, saying why, when it is unset.
 */
public final class PgVectorServer {

  /** The environment variable naming the server. */
  public static final String VARIABLE = "PGVECTOR_JDBC_URL";

  /** Why the pgvector path's tests are skipped without {@value #VARIABLE}. */
  public static final String NOT_SET = VARIABLE + " is not set: the pgvector path needs a PostgreSQL with the vector"
      + " extension (../shared/tools/pgvector-postgres start prints one; .ci/run starts it)";

  private static final AtomicInteger DATABASES = new AtomicInteger();

  private PgVectorServer() {}

  /** The server's JDBC URL, if configured. */
  public static Optional<String> url() {
    return Optional.ofNullable(System.getenv(VARIABLE)).filter(u -> !u.isBlank());
  }

  /**
   * A fresh database on the server with the {@code vector} extension created, or a skipped test (a JUnit
   * assumption with the reason) when {@value #VARIABLE} is unset.
   */
  public static TestDatabase createDatabase() {
    Optional<String> url = url();
    assumeTrue(url.isPresent(), NOT_SET);
    URI uri = URI.create(url.get().substring("jdbc:".length()));
    Map<String, String> params = new HashMap<>();
    if (uri.getQuery() != null) {
      for (String pair : uri.getQuery().split("&")) {
        int eq = pair.indexOf('=');
        params.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
      }
    }
    String user = params.getOrDefault("user", "postgres");
    String password = params.getOrDefault("password", "");
    String base = "jdbc:postgresql://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort()) + "/";
    String name = "bizo_pgvector_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    try (Connection c = DriverManager.getConnection(base + "postgres", user, password); Statement s = c.createStatement()) {
      s.execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a database on " + base + ": " + e.getMessage(), e);
    }
    TestDatabase db = new TestDatabase(base + name, user, password, name);
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("create extension if not exists vector");
    } catch (SQLException e) {
      throw new IllegalStateException("the server at " + base + " has no usable vector extension: " + e.getMessage(), e);
    }
    return db;
  }

  /** Drops a database {@link #createDatabase()} made. */
  public static void dropDatabase(TestDatabase db) {
    String base = db.jdbcUrl().substring(0, db.jdbcUrl().lastIndexOf('/') + 1);
    try (Connection c = DriverManager.getConnection(base + "postgres", db.user(), db.password());
        Statement s = c.createStatement()) {
      s.execute("drop database if exists " + db.name() + " with (force)");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop " + db.name() + ": " + e.getMessage(), e);
    }
  }
}
