package dev.bizo.server.health;

import dev.bizo.tenancy.TenancyDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the application pool can run a query: every request that reads data needs it. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

  private static final int QUERY_TIMEOUT_SECONDS = 2;

  @Inject TenancyDatabase database;

  @Override
  public HealthCheckResponse call() {
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
