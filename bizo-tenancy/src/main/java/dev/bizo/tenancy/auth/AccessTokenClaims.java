package dev.bizo.tenancy.auth;

import dev.bizo.core.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

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

  /** Whether the token carries {@code role}. */
  public boolean hasRole(String role) {
    return roles.contains(role);
  }
}
