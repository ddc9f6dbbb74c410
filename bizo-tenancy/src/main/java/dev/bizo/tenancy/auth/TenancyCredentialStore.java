package dev.bizo.tenancy.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bizo.core.TenantId;
import dev.bizo.tenancy.StoredCredentials;
import dev.bizo.tenancy.Tenant;
import dev.bizo.tenancy.TenantStatus;
import dev.bizo.tenancy.Tenants;
import dev.bizo.tenancy.Users;
import dev.bizo.tenancy.auth.spi.CredentialStore;
import dev.bizo.tenancy.auth.spi.UserCredentials;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The {@link CredentialStore} over tenancy's own {@code tenant} and {@code tenant_user} tables, through
 * {@link Tenants} and {@link Users}.
 *
 * <p>Resolving a slug needs the audited system scope, so slug-to-id answers are cached for a few
 * minutes (slugs do not change; only existing tenants are cached), which keeps a login storm from
 * flooding the platform audit. The tenant's status is read on every lookup: users of a suspended
 * tenant are reported inactive at once.
 */
public final class TenancyCredentialStore implements CredentialStore {

  private final Tenants tenants;
  private final Users users;
  private final Cache<String, TenantId> slugs;

  /** A store over {@code tenants} and {@code users}, caching slugs for five minutes. */
  public TenancyCredentialStore(Tenants tenants, Users users) {
    this(tenants, users, Duration.ofMinutes(5));
  }

  /** A store caching slug lookups for {@code slugCacheTtl} (zero disables the cache). */
  public TenancyCredentialStore(Tenants tenants, Users users, Duration slugCacheTtl) {
    this.tenants = Objects.requireNonNull(tenants, "tenants");
    this.users = Objects.requireNonNull(users, "users");
    this.slugs = Caffeine.newBuilder().maximumSize(slugCacheTtl.isZero() ? 0 : 10_000).expireAfterWrite(slugCacheTtl).build();
  }

  @Override
  public Optional<TenantId> findTenant(String tenantSlug) {
    String slug = tenantSlug.strip().toLowerCase(Locale.ROOT);
    Optional<TenantId> tenant = Optional.ofNullable(slugs.getIfPresent(slug));
    if (tenant.isEmpty()) {
      tenant = tenants.findBySlug(slug).map(Tenant::id);
      tenant.ifPresent(id -> slugs.put(slug, id));
    }
    return tenant;
  }

  @Override
  public Optional<UserCredentials> findByEmail(TenantId tenant, String email) {
    return credentials(tenant, email);
  }

  @Override
  public Optional<UserCredentials> findById(TenantId tenant, UUID userId) {
    return users.find(tenant, userId).flatMap(user -> credentials(tenant, user.email()));
  }

  @Override
  public void updatePasswordHash(TenantId tenant, UUID userId, String passwordHash) {
    users.setPasswordHash(tenant, userId, passwordHash);
  }

  private Optional<UserCredentials> credentials(TenantId tenant, String email) {
    Optional<StoredCredentials> stored = users.credentials(tenant, email);
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    boolean tenantActive = tenants.find(tenant).map(t -> t.status() == TenantStatus.ACTIVE).orElse(false);
    var user = stored.get().user();
    return Optional.of(new UserCredentials(
        tenant, user.id(), user.email(), stored.get().passwordHash(), Set.of(user.role().name()), user.active() && tenantActive));
  }

  @Override
  public String toString() {
    return "TenancyCredentialStore";
  }
}
