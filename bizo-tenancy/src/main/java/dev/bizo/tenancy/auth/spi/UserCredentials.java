package dev.bizo.tenancy.auth.spi;

import dev.bizo.core.TenantId;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What login needs to know about a user.
 *
 * @param tenant the user's tenant
 * @param userId the user's id; becomes the access token's {@code sub}
 * @param email the login e-mail
 * @param passwordHash the stored Argon2id PHC string; never printed by {@link #toString()}
 * @param roles role names such as {@code OWNER}; become the access token's {@code roles}
 * @param active whether the user may log in at all (false for disabled or deleted users)
 */
public record UserCredentials(
    TenantId tenant, UUID userId, String email, String passwordHash, Set<String> roles, boolean active) {

  public UserCredentials {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(passwordHash, "passwordHash");
    roles = Set.copyOf(roles);
  }

  @Override
  public String toString() {
    return "UserCredentials[tenant=" + tenant + ", userId=" + userId + ", roles=" + roles + ", active=" + active + "]";
  }
}
