package dev.bizo.tenancy;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Users#update(Principal, java.util.UUID, UserUpdate)} changes about a user; an empty part is left as
 * it is.
 *
 * @param role the new role, or empty to keep the role
 * @param disabled {@code true} to disable the user (no login, sessions revoked), {@code false} to enable them again,
 *     empty to keep the state
 */
public record UserUpdate(Optional<Role> role, Optional<Boolean> disabled) {

  public UserUpdate {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(disabled, "disabled");
  }

  /** A change of role only. */
  public static UserUpdate role(Role role) {
    return new UserUpdate(Optional.of(role), Optional.empty());
  }

  /** Disabling ({@code true}) or enabling ({@code false}) only. */
  public static UserUpdate disabled(boolean disabled) {
    return new UserUpdate(Optional.empty(), Optional.of(disabled));
  }

  /** Whether this changes nothing at all. */
  public boolean isEmpty() {
    return role.isEmpty() && disabled.isEmpty();
  }
}
