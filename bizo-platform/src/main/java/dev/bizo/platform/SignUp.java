package dev.bizo.platform;

import dev.bizo.core.ValidationException;
import java.util.Objects;

/**
 * A new tenant and its owner, as {@link Bizo#signUp(SignUp)} takes them: the owner's password in clear, checked
 * against the password policy and hashed with Argon2id before anything is stored. The tenant fields are checked by
 * {@link dev.bizo.tenancy.Signup} when the sign-up runs.
 *
 * @param tenantName the tenant's display name
 * @param slug the tenant's unique URL name
 * @param ownerEmail the owner's e-mail address, the login
 * @param password the owner's password in clear; never printed by {@link #toString()}
 */
public record SignUp(String tenantName, String slug, String ownerEmail, String password) {

  /** Checks every field is given; the password is not blank. */
  public SignUp {
    Objects.requireNonNull(tenantName, "tenantName");
    Objects.requireNonNull(slug, "slug");
    Objects.requireNonNull(ownerEmail, "ownerEmail");
    Objects.requireNonNull(password, "password");
    if (password.isBlank()) {
      throw ValidationException.ofField("password", "required", "The owner's password is required");
    }
  }

  /** Same as the constructor. */
  public static SignUp of(String tenantName, String slug, String ownerEmail, String password) {
    return new SignUp(tenantName, slug, ownerEmail, password);
  }

  @Override
  public String toString() {
    return "SignUp[tenantName=" + tenantName + ", slug=" + slug + ", ownerEmail=" + ownerEmail + ", password=***]";
  }
}
