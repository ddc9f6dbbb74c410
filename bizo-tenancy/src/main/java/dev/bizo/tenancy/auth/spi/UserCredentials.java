package dev.bizo.tenancy.auth.spi;

import dev.bizo.core.TenantId;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What login needs to know about a user.
 *
 * @param tenant the user's tenant
 * @param userId the user's id; becomes the access token's {@code sub}
 * @param email the login e-mail
 * @param passwordHash the stored Argon2id PHC string, empty for a user who has not set a password
 *     (and so cannot log in); never printed by {@link #toString()}
 * @param roles role names such as {@code OWNER}; become the access token's {@code roles}
 * @param active whether the user may log in at all (false for disabled or deleted users)
 */
public record UserCredentials(
    TenantId tenant, UUID userId, String email, Optional<String> passwordHash, Set<String> roles, boolean active) {

  public UserCredentials {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(passwordHash, "passwordHash");
    roles = Set.copyOf(roles);
  }

  /** Whether the user may log in with a password at all: active and with a password set. */
  public boolean canLogIn() {
    return active && passwordHash.isPresent();
  }

  @Override
  public String toString() {
    return "UserCredentials[tenant=" + tenant + ", userId=" + userId + ", roles=" + roles + ", active=" + active + "]";
  }
}
