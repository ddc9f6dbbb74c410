package dev.bizo.server.health;

import dev.bizo.server.config.StartupStatus;
import dev.bizo.server.persistence.PlatformDatabase;
import dev.bizo.tenancy.TenancyDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while the application pool can run a query: every request that reads data needs it. Until the database
 * has started, and for good after it failed to, it reports DOWN without looking the database up, which would
 * start it from the probe's thread (see {@link StartupStatus}).
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

  private static final int QUERY_TIMEOUT_SECONDS = 2;

  @Inject Instance<TenancyDatabase> databases;
  @Inject StartupStatus startup;

  @Override
  public HealthCheckResponse call() {
    if (!startup.hasStarted(PlatformDatabase.COMPONENT)) {
      return HealthCheckResponse.named("database").down()
          .withData("error", startup.failure().isPresent() ? "not started, see the boot check" : "starting").build();
    }
    TenancyDatabase database = databases.get();
    try (Connection c = database.appDataSource().getConnection();
        Statement s = c.createStatement()) {
      s.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      try (ResultSet rs = s.executeQuery("select 1")) {
        rs.next();
      }
      c.rollback();
      return HealthCheckResponse.named("database").up().withData("role", database.appRole()).build();
    } catch (SQLException e) {
      return HealthCheckResponse.named("database").down().withData("error", e.getSQLState() + " " + e.getMessage()).build();
    }
  }
}
