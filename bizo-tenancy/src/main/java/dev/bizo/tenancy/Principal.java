package dev.bizo.tenancy;

import dev.bizo.core.ForbiddenException;
import dev.bizo.core.TenantId;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who is acting, inside which tenant: a user (from a verified access token) or a machine (an API key).
 * Services take a principal where an action needs a permission and an audit actor.
 *
 * @param tenant the tenant the principal acts in; comes only from a verified credential
 * @param subject who acts, e.g. a user id or an API key id; written to the audit log
 * @param roles the principal's roles
 */
public record Principal(TenantId tenant, String subject, Set<Role> roles) {

  public Principal {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(subject, "subject");
    roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
  }

  /** A principal with one role. */
  public static Principal of(TenantId tenant, String subject, Role role) {
    return new Principal(tenant, subject, Set.of(role));
  }

  /** Whether any of the roles grants {@code permission}. */
  public boolean can(Permission permission) {
    Objects.requireNonNull(permission, "permission");
    for (Role role : roles) {
      if (role.allows(permission)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Fails unless the principal has {@code permission}.
   *
   * @throws ForbiddenException with code {@code tenancy.permission_denied}
   */
  public void require(Permission permission) {
    if (!can(permission)) {
      throw new ForbiddenException(
          "tenancy.permission_denied", subject + " lacks " + permission + " in tenant " + tenant);
    }
  }
}
