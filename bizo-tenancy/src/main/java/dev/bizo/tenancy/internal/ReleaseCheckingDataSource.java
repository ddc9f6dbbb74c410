package dev.bizo.tenancy.internal;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/**
 * The pool as Bizo sees it; when checking is on, every connection is asked on its way back to the pool
 * whether it still carries a tenant, so a leak fails tests instead of leaking in production.
 */
public final class ReleaseCheckingDataSource implements DataSource {

  private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(ReleaseCheckingDataSource.class);

  private final DataSource delegate;
  private final boolean check;
  private final AtomicLong leaks = new AtomicLong();

  public ReleaseCheckingDataSource(DataSource delegate, boolean check) {
    this.delegate = delegate;
    this.check = check;
  }

  public long leaks() {
    return leaks.get();
  }

  @Override
  public Connection getConnection() throws SQLException {
    return checked(delegate.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return checked(delegate.getConnection(username, password));
  }

  private Connection checked(Connection connection) {
    if (!check) {
      return connection;
    }
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (method.getName().equals("close") && method.getParameterCount() == 0 && !connection.isClosed()) {
                verifyCleared(connection);
              }
              try {
                return method.invoke(connection, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  private void verifyCleared(Connection connection) throws SQLException {
    String tenant;
    String system;
    boolean autoCommit = connection.getAutoCommit();
    if (!autoCommit) {
      connection.rollback(); // what the pool does anyway: check what the next borrower will see
    }
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select coalesce(current_setting('bizo.tenant_id', true), ''), coalesce(current_setting('bizo.system_scope', true), '')")) {
      rs.next();
      tenant = rs.getString(1);
      system = rs.getString(2);
    }
    if (!autoCommit) {
      connection.rollback();
    }
    if (!tenant.isEmpty() || !system.isEmpty()) {
      leaks.incrementAndGet();
      LOG.error("A connection went back to the pool still scoped (tenant '{}', system '{}')", tenant, system);
    }
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return delegate.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    return delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || delegate.isWrapperFor(iface);
  }
}
