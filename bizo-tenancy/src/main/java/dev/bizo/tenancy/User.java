package dev.bizo.tenancy;

import dev.bizo.core.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A person who can log in to one tenant. The password hash is not part of this view: only the auth
 * module reads it, through {@link Users#credentials(TenantId, String)}.
 *
 * @param id the user id (an access token's {@code sub})
 * @param tenant the user's tenant
 * @param email the login e-mail, unique per tenant without regard to case
 * @param role the user's role
 * @param active whether the user may log in
 * @param createdAt when the user was added
 */
public record User(UUID id, TenantId tenant, String email, Role role, boolean active, Instant createdAt) {

  public User {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** The user as a principal, e.g. for permission checks after login. */
  public Principal principal() {
    return Principal.of(tenant, id.toString(), role);
  }
}
