package dev.bizo.tenancy.auth;

import dev.bizo.core.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The claims of an access token whose signature, issuer, algorithm and lifetime have been verified.
 * The tenant of an authenticated request comes from {@link #tenant()} and nowhere else.
 *
 * @param subject the {@code sub} claim: the user id
 * @param tenant the {@code tid} claim
 * @param roles the {@code roles} claim
 * @param tokenId the {@code jti} claim
 * @param issuedAt the {@code iat} claim
 * @param expiresAt the {@code exp} claim
 */
public record AccessTokenClaims(
    String subject, TenantId tenant, Set<String> roles, String tokenId, Instant issuedAt, Instant expiresAt) {

  public AccessTokenClaims {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(tenant, "tenant");
    roles = Set.copyOf(roles);
    Objects.requireNonNull(tokenId, "tokenId");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /**
   * The verified claims by JWT name ({@code sub}, {@code tid}, {@code roles}, {@code jti}, {@code iat},
   * {@code exp} as epoch seconds), e.g. for {@code dev.bizo.tenancy.spi.TenantRequest#verifiedClaims()}.
   */
  public Map<String, Object> asMap() {
    return Map.of(
        "sub", subject,
        "tid", tenant.value().toString(),
        "roles", List.copyOf(new TreeSet<>(roles)),
        "jti", tokenId,
        "iat", issuedAt.getEpochSecond(),
        "exp", expiresAt.getEpochSecond());
  }

  /** Whether the token carries {@code role}. */
  public boolean hasRole(String role) {
    return roles.contains(role);
  }
}
