package dev.bizo.tenancy.auth;

import dev.bizo.core.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What is known about an API key after creation: everything but its secret.
 *
 * @param keyId the public part, also embedded in the key itself
 * @param tenant the owning tenant
 * @param name the label
 * @param scopes what it may do
 * @param createdBy who created it, if recorded
 * @param createdAt when it was created
 * @param expiresAt when it stops working, if ever
 * @param lastUsedAt when it last authenticated (updated at most once a minute)
 * @param revokedAt when it was revoked, if it was
 * @param rateLimitPerMinute the key's own request limit a minute, if it has one; a server may cap it further
 */
public record ApiKey(
    String keyId,
    TenantId tenant,
    String name,
    Set<ApiKeyScope> scopes,
    Optional<String> createdBy,
    Instant createdAt,
    Optional<Instant> expiresAt,
    Optional<Instant> lastUsedAt,
    Optional<Instant> revokedAt,
    OptionalInt rateLimitPerMinute) {

  public ApiKey {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(name, "name");
    scopes = Set.copyOf(scopes);
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(lastUsedAt, "lastUsedAt");
    Objects.requireNonNull(revokedAt, "revokedAt");
    Objects.requireNonNull(rateLimitPerMinute, "rateLimitPerMinute");
    if (rateLimitPerMinute.isPresent() && rateLimitPerMinute.getAsInt() < 1) {
      throw new IllegalArgumentException("An API key's rate limit is at least 1 request a minute");
    }
  }

  /** Whether the key would authenticate at {@code now}. */
  public boolean isActive(Instant now) {
    return revokedAt.isEmpty() && expiresAt.map(now::isBefore).orElse(true);
  }
}
