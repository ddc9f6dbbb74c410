package dev.bizo.platform;

import dev.bizo.embedded.EmbeddedDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The database {@link Bizo.Builder#start()} has reached, handed to {@link BeforeMigrations} before any migration
 * runs: where it is, who owns it, and the embedded PostgreSQL when Bizo started one.
 *
 * @param jdbcUrl the JDBC URL of the database
 * @param owner the role that runs the migrations
 * @param embedded the embedded PostgreSQL, when {@link Bizo.Builder#embedded} was chosen
 */
public record ReachableDatabase(String jdbcUrl, DatabaseLogin owner, Optional<EmbeddedDatabase> embedded) {

  /** Checks every part is given. */
  public ReachableDatabase {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(embedded, "embedded");
  }

  /**
   * A new connection as the owner, e.g. to look for an extension or create it; the caller closes it.
   *
   * @throws SQLException when the owner cannot connect
   */
  public Connection connectAsOwner() throws SQLException {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(jdbcUrl);
    ds.setUser(owner.user());
    ds.setPassword(owner.password());
    return ds.getConnection();
  }
}
