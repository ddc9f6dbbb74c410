package dev.bizo.tenancy.internal;

import dev.bizo.core.ConfigurationException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;

/** Creates and grants the application role as the owner, so the running app can never own or bypass RLS. */
public final class AppRole {

  /** The role whose policy reads across tenants; see {@code V302__system_scope_role.sql}. */
  public static final String SYSTEM_SCOPE_ROLE = "bizo_system_scope";

  private final String name;
  private final String password;

  public AppRole(String name, String password) {
    this.name = Objects.requireNonNull(name, "name");
    this.password = Objects.requireNonNull(password, "password");
  }

  /** Creates the role if missing and refuses one that could bypass row-level security. */
  void ensureExists(Connection owner) throws SQLException {
    boolean exists;
    try (PreparedStatement s = owner.prepareStatement("select rolsuper, rolbypassrls from pg_roles where rolname = ?")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        exists = rs.next();
        if (exists && (rs.getBoolean(1) || rs.getBoolean(2))) {
          throw new ConfigurationException(
              "persistence.app_role_unsafe",
              "The application role " + name + " is a superuser or has BYPASSRLS; row-level security would not bind it");
        }
      }
    }
    try (Statement s = owner.createStatement()) {
      if (!exists) {
        try {
          s.execute("create role " + identifier(name) + " login noinherit nosuperuser nobypassrls nocreatedb nocreaterole password "
              + literal(password));
        } catch (SQLException e) {
          if (!"42710".equals(e.getSQLState())) { // created meanwhile by another instance
            throw e;
          }
        }
      } else {
        s.execute("alter role " + identifier(name) + " login noinherit password " + literal(password));
      }
    }
  }

  /** Grants DML on current and future tables of {@code owner}, and nothing on the Flyway histories. */
  void grant(Connection owner, List<String> historyTables) throws SQLException {
    String role = identifier(name);
    try (Statement s = owner.createStatement()) {
      s.execute("grant usage on schema public to " + role);
      s.execute("alter default privileges in schema public grant select, insert, update, delete on tables to " + role);
      s.execute("alter default privileges in schema public grant usage, select on sequences to " + role);
      s.execute("grant select, insert, update, delete on all tables in schema public to " + role);
      s.execute("grant usage, select on all sequences in schema public to " + role);
      // The system scope switches to this role for its read-only, audited transactions (migration V302).
      // The app role is NOINHERIT, so the role's cross-tenant policy applies only after SET ROLE, never to
      // ordinary tenant-scoped reads.
      s.execute("grant " + SYSTEM_SCOPE_ROLE + " to " + role);
      for (String history : historyTables) {
        s.execute("revoke all on table " + identifier(history) + " from " + role);
        s.execute("revoke all on table " + identifier(history) + " from " + SYSTEM_SCOPE_ROLE);
      }
    }
  }

  static String identifier(String raw) {
    return '"' + raw.replace("\"", "\"\"") + '"';
  }

  private static String literal(String raw) {
    return '\'' + raw.replace("'", "''") + '\'';
  }
}
