package dev.bizo.tenancy;

import java.util.Objects;

/**
 * What signup created, together.
 *
 * @param tenant the new tenant
 * @param owner its first user, with role {@link Role#OWNER}
 */
public record SignupResult(Tenant tenant, User owner) {

  public SignupResult {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(owner, "owner");
  }
}
