package dev.bizo.tenancy.internal;

import dev.bizo.core.ConfigurationException;
import dev.bizo.core.RetriableException;
import dev.bizo.tenancy.PersistenceModule;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/** Runs every module's Flyway migrations as the owner, then sets up the application role's grants. */
public final class Migrations {

  private Migrations() {}

  public static void run(String jdbcUrl, String ownerUser, String ownerPassword, List<PersistenceModule> modules, AppRole role) {
    List<String> histories = new ArrayList<>();
    try (Connection owner = connect(jdbcUrl, ownerUser, ownerPassword)) {
      role.ensureExists(owner);
      for (PersistenceModule module : modules) {
        histories.add(module.historyTable());
        migrate(jdbcUrl, ownerUser, ownerPassword, module);
      }
      role.grant(owner, histories);
    } catch (SQLException e) {
      if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
        throw new RetriableException("persistence.unavailable", "Cannot reach the database as the owner: " + e.getMessage(), e);
      }
      throw new ConfigurationException("persistence.setup_failed", "Database setup failed: " + e.getMessage(), e);
    }
  }

  private static void migrate(String jdbcUrl, String ownerUser, String ownerPassword, PersistenceModule module) {
    try {
      Flyway.configure()
          .dataSource(jdbcUrl, ownerUser, ownerPassword)
          .locations(module.migrationLocation())
          .table(module.historyTable())
          // several modules share the schema, each with its own history: a schema holding another module's
          // tables is not a reason to refuse, and version 0 lets V1 of this module run
          .baselineOnMigrate(true)
          .baselineVersion("0")
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new ConfigurationException(
          "persistence.migration_failed", "Migrations of module " + module.name() + " failed: " + e.getMessage(), e);
    }
  }

  private static Connection connect(String jdbcUrl, String user, String password) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", password);
    return DriverManager.getConnection(jdbcUrl, props);
  }
}
