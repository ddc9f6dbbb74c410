package dev.bizo.tenancy.auth;

import dev.bizo.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Prepares a test database the way production runs: migrations applied as the owner, and an
 * application role that owns nothing and has no BYPASSRLS, through which every test talks.
 */
final class AuthTestDatabase {

  static final String APP_ROLE = "bizo_auth_test_app";
  static final String APP_PASSWORD = "auth-test-app";

  private AuthTestDatabase() {}

  /** Migrates {@code db} and returns an application-role data source. */
  static DataSource migrate(TestDatabase db) throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = '" + APP_ROLE + "') then "
          + "create role " + APP_ROLE + " login nosuperuser nobypassrls password '" + APP_PASSWORD + "'; end if; end $$");
    }
    Flyway.configure()
        .dataSource(db.jdbcUrl(), db.user(), db.password())
        .locations("classpath:db/migration/tenancy")
        .load()
        .migrate();
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("grant usage on schema public to " + APP_ROLE);
      s.execute("grant select, insert, update, delete on auth_refresh_token, auth_api_key to " + APP_ROLE);
    }
    return db.dataSource(APP_ROLE, APP_PASSWORD);
  }
}
