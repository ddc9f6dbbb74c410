package dev.bizo.tenancy.auth;

import dev.bizo.core.TenantId;
import dev.bizo.tenancy.auth.spi.CredentialStore;
import dev.bizo.tenancy.auth.spi.UserCredentials;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** A map-backed {@link CredentialStore} for tests of the login flow; meets the same contract as a real one. */
final class InMemoryCredentialStore implements CredentialStore {

  private final Map<String, TenantId> slugs = new ConcurrentHashMap<>();
  private final Map<UUID, UserCredentials> users = new ConcurrentHashMap<>();

  TenantId addTenant(String slug) {
    return slugs.computeIfAbsent(slug, s -> TenantId.generate());
  }

  UserCredentials addUser(String slug, String email, String passwordHash, Set<String> roles, boolean active) {
    UserCredentials user = new UserCredentials(addTenant(slug), UUID.randomUUID(), email, Optional.ofNullable(passwordHash), roles, active);
    users.put(user.userId(), user);
    return user;
  }

  void replace(UUID userId, Set<String> roles, boolean active) {
    users.computeIfPresent(userId, (id, u) -> new UserCredentials(u.tenant(), id, u.email(), u.passwordHash(), roles, active));
  }

  @Override
  public Optional<UserCredentials> findByEmail(String tenantSlug, String email) {
    TenantId tenant = slugs.get(tenantSlug);
    return users.values().stream()
        .filter(u -> u.tenant().equals(tenant) && u.email().toLowerCase(Locale.ROOT).equals(email.strip().toLowerCase(Locale.ROOT)))
        .findFirst();
  }

  @Override
  public Optional<UserCredentials> findById(TenantId tenant, UUID userId) {
    return Optional.ofNullable(users.get(userId)).filter(u -> u.tenant().equals(tenant));
  }

  @Override
  public void updatePasswordHash(TenantId tenant, UUID userId, String passwordHash) {
    users.computeIfPresent(userId, (id, u) -> u.tenant().equals(tenant)
        ? new UserCredentials(u.tenant(), id, u.email(), Optional.of(passwordHash), u.roles(), u.active()) : u);
  }
}
