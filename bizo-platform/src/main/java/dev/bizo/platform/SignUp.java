package dev.bizo.platform;

/**
 * A new tenant and its owner, as {@link Bizo#signUp(SignUp)} takes them: the owner's password in clear, checked
 * against the password policy and hashed with Argon2id before anything is stored.
 *
 * <p>Unlike most values, this one checks nothing when made: any field may be missing or wrong (a request body as it
 * arrived), because {@link Bizo#signUp(SignUp)} checks every field at once and reports all refused ones in one
 * {@link dev.bizo.core.ValidationException}.
 *
 * @param tenantName the tenant's display name
 * @param slug the tenant's unique URL name
 * @param ownerEmail the owner's e-mail address, the login
 * @param password the owner's password in clear; never printed by {@link #toString()}
 */
public record SignUp(String tenantName, String slug, String ownerEmail, String password) {

  /** Same as the constructor. */
  public static SignUp of(String tenantName, String slug, String ownerEmail, String password) {
    return new SignUp(tenantName, slug, ownerEmail, password);
  }

  @Override
  public String toString() {
    return "SignUp[tenantName=" + tenantName + ", slug=" + slug + ", ownerEmail=" + ownerEmail + ", password=***]";
  }
}
