package dev.bizo.tenancy;

import dev.bizo.core.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A request to create a tenant and its owner. The password arrives already hashed (the auth module
 * hashes with Argon2id), so tenancy never sees a plain password.
 *
 * @param tenantName the display name, 1–200 characters
 * @param slug 3–63 lower-case letters, digits and inner hyphens; unique across the platform
 * @param ownerEmail the owner's login e-mail
 * @param ownerPasswordHash the owner's password hash; never printed by {@link #toString()}
 */
public record Signup(String tenantName, String slug, String ownerEmail, String ownerPasswordHash) {

  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");

  public Signup {
    List<ValidationException.FieldError> errors = new ArrayList<>();
    tenantName = tenantName == null ? "" : tenantName.strip();
    if (tenantName.isEmpty() || tenantName.length() > 200) {
      errors.add(new ValidationException.FieldError("tenantName", "tenancy.name_invalid", "1 to 200 characters"));
    }
    slug = slug == null ? "" : slug.strip().toLowerCase(Locale.ROOT);
    if (!SLUG.matcher(slug).matches()) {
      errors.add(
          new ValidationException.FieldError(
              "slug", "tenancy.slug_invalid", "3 to 63 lower-case letters, digits and inner hyphens"));
    }
    ownerEmail = Users.normaliseEmail(ownerEmail, errors);
    if (ownerPasswordHash == null || ownerPasswordHash.isBlank()) {
      errors.add(new ValidationException.FieldError("ownerPasswordHash", "tenancy.password_hash_missing", "required"));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    Objects.requireNonNull(ownerPasswordHash);
  }

  @Override
  public String toString() {
    return "Signup[" + tenantName + ", " + slug + ", " + ownerEmail + "]";
  }
}
