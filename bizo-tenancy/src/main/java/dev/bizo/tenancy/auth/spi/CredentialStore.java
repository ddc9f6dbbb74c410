package dev.bizo.tenancy.auth.spi;

import dev.bizo.core.TenantId;
import java.util.Optional;
import java.util.UUID;

/**
 * Where {@link dev.bizo.tenancy.auth.AuthService} looks users up. The tenancy module implements it
 * over its users table; an embedding application may supply its own.
 *
 * <p>Implementations match e-mail addresses without regard to case, treat an unknown tenant slug like
 * an unknown user (an empty result, never an exception), report users of a suspended tenant as
 * inactive, and are thread-safe. They extend the
 * contract test {@code CredentialStoreContract} in this module's tests.
 */
public interface CredentialStore {

  /**
   * The tenant whose slug is {@code tenantSlug}, whatever its status.
   *
   * @return empty when no tenant has that slug
   */
  Optional<TenantId> findTenant(String tenantSlug);

  /**
   * The user with {@code email} in {@code tenant}.
   *
   * @return empty when the tenant has no such user
   */
  Optional<UserCredentials> findByEmail(TenantId tenant, String email);

  /** The user with {@code userId} in {@code tenant}, e.g. to re-read roles when a token is refreshed. */
  Optional<UserCredentials> findById(TenantId tenant, UUID userId);

  /**
   * Replaces a user's stored password hash: after a password change, or when login upgrades a hash
   * made with old Argon2 parameters.
   */
  void updatePasswordHash(TenantId tenant, UUID userId, String passwordHash);
}
