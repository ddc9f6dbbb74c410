package dev.bizo.testkit.internal;

import dev.bizo.testkit.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One PostgreSQL server per JVM; a database per test class keeps classes from seeing each other's rows. */
public final class SharedPostgres {

  private static final Logger LOG = LoggerFactory.getLogger(SharedPostgres.class);
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static SharedPostgres instance;

  private final String serverUrl; // jdbc:postgresql://host:port/
  private final String query; // "?..." or ""
  private final String user;
  private final String password;
  private final String maintenanceDb;

  private SharedPostgres(String serverUrl, String query, String user, String password, String maintenanceDb) {
    this.serverUrl = serverUrl;
    this.query = query;
    this.user = user;
    this.password = password;
    this.maintenanceDb = maintenanceDb;
  }

  public static synchronized SharedPostgres get() {
    if (instance == null) {
      instance = start();
    }
    return instance;
  }

  private static SharedPostgres start() {
    String external = System.getenv("BIZO_TEST_DATABASE_URL");
    if (external != null && !external.isBlank()) {
      String user = envOr("BIZO_TEST_DATABASE_USER", "postgres");
      String password = envOr("BIZO_TEST_DATABASE_PASSWORD", "");
      int q = external.indexOf('?');
      String base = q < 0 ? external : external.substring(0, q);
      String query = q < 0 ? "" : external.substring(q);
      int slash = base.lastIndexOf('/');
      String db = base.substring(slash + 1);
      LOG.info("Test kit: using the PostgreSQL at {} (BIZO_TEST_DATABASE_URL)", base);
      return new SharedPostgres(base.substring(0, slash + 1), query, user, password, db.isEmpty() ? "postgres" : db);
    }
    long started = System.nanoTime();
    try {
      EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      pg.close();
                    } catch (IOException e) {
                      LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
                    }
                  },
                  "bizo-testkit-postgres-stop"));
      LOG.info(
          "Test kit: embedded PostgreSQL started on port {} in {} ms",
          pg.getPort(),
          (System.nanoTime() - started) / 1_000_000);
      return new SharedPostgres("jdbc:postgresql://localhost:" + pg.getPort() + "/", "", "postgres", "postgres", "postgres");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the embedded PostgreSQL", e);
    }
  }

  private static String envOr(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  public TestDatabase createDatabase() {
    String name = "bizo_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    execute("CREATE DATABASE " + name);
    return new TestDatabase(serverUrl + name + query, user, password, name);
  }

  public void dropDatabase(TestDatabase database) {
    execute("DROP DATABASE IF EXISTS " + database.name() + " WITH (FORCE)");
  }

  private void execute(String sql) {
    try (Connection c = DriverManager.getConnection(serverUrl + maintenanceDb + query, user, password);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("Test kit could not run '" + sql + "': " + e.getMessage(), e);
    }
  }
}
