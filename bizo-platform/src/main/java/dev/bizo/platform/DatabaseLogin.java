package dev.bizo.platform;

import java.util.Objects;

/**
 * A PostgreSQL role and its password, as {@link Bizo.Builder#database} takes them: the owner that runs the
 * migrations, or the application role the pool connects as (created when missing, row-level security applies to it).
 *
 * @param user the role name
 * @param password its password; empty where the server trusts the connection; never printed by {@link #toString()}
 */
public record DatabaseLogin(String user, String password) {

  /** Checks the role is named and the password given (possibly empty). */
  public DatabaseLogin {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    if (user.isBlank()) {
      throw new IllegalArgumentException("The database role is blank");
    }
  }

  /** Same as the constructor. */
  public static DatabaseLogin of(String user, String password) {
    return new DatabaseLogin(user, password);
  }

  @Override
  public String toString() {
    return "DatabaseLogin[user=" + user + ", password=***]";
  }
}
