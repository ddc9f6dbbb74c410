package dev.bizo.tenancy.auth;

import dev.bizo.core.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A refresh token as handed to the client: shown once, stored only as a digest.
 *
 * @param value the opaque token, {@code bzrt_<tenant>_<secret>}; never printed by {@link #toString()}
 * @param tenant the tenant it belongs to
 * @param userId the user it refreshes access for
 * @param familyId the login session it belongs to; every rotation stays in the family
 * @param expiresAt when it stops being accepted
 */
public record RefreshToken(String value, TenantId tenant, UUID userId, UUID familyId, Instant expiresAt) {

  public RefreshToken {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(familyId, "familyId");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  @Override
  public String toString() {
    return "RefreshToken[tenant=" + tenant + ", userId=" + userId + ", familyId=" + familyId + ", expiresAt=" + expiresAt + "]";
  }
}
