package dev.bizo.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL database of its own, for one test class. The credentials are those of a
 * superuser, so tests can create roles and run migrations as an owner.
 *
 * @param jdbcUrl the JDBC URL of this database
 * @param user a superuser
 * @param password its password
 * @param name the database name
 */
public record TestDatabase(String jdbcUrl, String user, String password, String name) {

  public TestDatabase {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(name, "name");
  }

  /** A new connection as the superuser. The caller closes it. */
  public Connection connect() throws SQLException {
    return connect(user, password);
  }

  /** A new connection as another role, e.g. an application role without table ownership. */
  public Connection connect(String role, String rolePassword) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", role);
    props.setProperty("password", rolePassword);
    return DriverManager.getConnection(jdbcUrl, props);
  }

  /** An unpooled data source as the superuser. */
  public DataSource dataSource() {
    return dataSource(user, password);
  }

  /** An unpooled data source as another role. */
  public DataSource dataSource(String role, String rolePassword) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(jdbcUrl);
    ds.setUser(role);
    ds.setPassword(rolePassword);
    return ds;
  }
}
