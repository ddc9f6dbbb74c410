package dev.bizo.tenancy;

import java.util.Objects;
import java.util.Optional;

/**
 * A user together with the stored password hash: what the auth module needs to verify a login.
 *
 * @param user the user
 * @param passwordHash the stored hash (an Argon2id PHC string), empty when no password was set; never
 *     printed by {@link #toString()}
 */
public record StoredCredentials(User user, Optional<String> passwordHash) {

  public StoredCredentials {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(passwordHash, "passwordHash");
  }

  @Override
  public String toString() {
    return "StoredCredentials[" + user + ", passwordHash=" + (passwordHash.isPresent() ? "<redacted>" : "<none>") + "]";
  }
}
