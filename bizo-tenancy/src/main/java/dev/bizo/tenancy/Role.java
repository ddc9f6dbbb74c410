package dev.bizo.tenancy;

import dev.bizo.core.ValidationException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A user's role in a tenant. Each role has a fixed set of {@link Permission}s; every role can do at least
 * what the roles after it can.
 */
public enum Role {
  /** Everything, including the tenant itself and billing. Signup makes the first user an owner. */
  OWNER(EnumSet.allOf(Permission.class)),
  /** Everything but managing the tenant itself and billing. */
  ADMIN(EnumSet.complementOf(EnumSet.of(Permission.TENANT_MANAGE, Permission.BILLING_MANAGE))),
  /** Works with business data and sees colleagues. */
  MEMBER(EnumSet.of(Permission.DATA_WRITE, Permission.DATA_READ, Permission.USERS_READ)),
  /** Reads business data only. */
  VIEWER(EnumSet.of(Permission.DATA_READ));

  private final Set<Permission> permissions;

  Role(Set<Permission> permissions) {
    this.permissions = Collections.unmodifiableSet(EnumSet.copyOf(permissions));
  }

  /** The permissions this role grants. */
  public Set<Permission> permissions() {
    return permissions;
  }

  /** Whether this role grants {@code permission}. */
  public boolean allows(Permission permission) {
    return permissions.contains(permission);
  }

  /** Parses a role name case-insensitively, e.g. from a token's {@code roles} claim. */
  public static Role parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw ValidationException.ofField("role", "tenancy.role_unknown", "Unknown role: " + name);
    }
  }
}
