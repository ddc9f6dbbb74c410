package dev.bizo.tenancy.auth.internal;

import dev.bizo.core.NonRetriableException;
import dev.bizo.core.RetriableException;
import dev.bizo.core.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Runs JDBC work in one transaction scoped to a tenant with {@code set_config('bizo.tenant_id', ?, true)},
 * so row-level security sees the tenant and the setting dies with the transaction, never leaking into
 * the pool.
 */
public final class TenantJdbc {

  /** Work on a connection inside the transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final DataSource dataSource;

  public TenantJdbc(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  public <T> T inTenant(TenantId tenant, Work<T> work) {
    Objects.requireNonNull(tenant, "tenant");
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        try (PreparedStatement set = connection.prepareStatement("select set_config('bizo.tenant_id', ?, true)")) {
          set.setString(1, tenant.value().toString());
          set.execute();
        }
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw translate(e);
    }
  }

  static RuntimeException translate(SQLException e) {
    String state = Objects.toString(e.getSQLState(), "");
    if (state.startsWith("08") || state.startsWith("40") || state.startsWith("53") || state.startsWith("57")) {
      return new RetriableException("auth.storage_unavailable", "Auth storage unavailable: " + e.getMessage(), e);
    }
    return new NonRetriableException("auth.storage_failed", "Auth storage failed: " + e.getMessage(), e);
  }
}
