package dev.bizo.tenancy.auth;

import dev.bizo.core.ForbiddenException;
import dev.bizo.core.TenantId;
import dev.bizo.tenancy.Principal;
import dev.bizo.tenancy.Role;
import java.util.HashSet;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Who an authenticated request acts for: a user (from an access token) or a machine (from an API
 * key). The request's tenant is {@link #tenant()} and must come from here, never from a header.
 *
 * @param kind user or API key
 * @param tenant the tenant the credential belongs to
 * @param subject the user id, or the API key id
 * @param roles the user's roles; empty for API keys
 * @param scopes the API key's scopes; empty for users
 * @param rateLimitPerMinute the API key's own request limit a minute, if it has one; empty for users
 */
public record AuthPrincipal(
    Kind kind, TenantId tenant, String subject, Set<String> roles, Set<ApiKeyScope> scopes, OptionalInt rateLimitPerMinute) {

  /** What kind of credential authenticated the caller. */
  public enum Kind {
    /** A person, through an access token. */
    USER,
    /** A machine, through an API key. */
    API_KEY
  }

  public AuthPrincipal {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(subject, "subject");
    roles = Set.copyOf(roles);
    scopes = Set.copyOf(scopes);
    Objects.requireNonNull(rateLimitPerMinute, "rateLimitPerMinute");
  }

  /** A principal without a rate limit of its own. */
  public AuthPrincipal(Kind kind, TenantId tenant, String subject, Set<String> roles, Set<ApiKeyScope> scopes) {
    this(kind, tenant, subject, roles, scopes, OptionalInt.empty());
  }

  /** The user behind verified access-token claims. */
  public static AuthPrincipal of(AccessTokenClaims claims) {
    return new AuthPrincipal(Kind.USER, claims.tenant(), claims.subject(), claims.roles(), Set.of());
  }

  /**
   * This principal as tenancy's {@link Principal}, for permission checks in tenancy services. Role
   * names that tenancy does not know are dropped; API keys carry no roles.
   */
  public Principal toPrincipal() {
    Set<Role> known = new HashSet<>();
    for (String role : roles) {
      for (Role candidate : Role.values()) {
        if (candidate.name().equals(role)) {
          known.add(candidate);
        }
      }
    }
    return new Principal(tenant, subject, known);
  }

  /** Whether the principal is an API key holding {@code scope}. */
  public boolean hasScope(ApiKeyScope scope) {
    return scopes.contains(scope);
  }

  /**
   * Requires an API key scope.
   *
   * @throws ForbiddenException with code {@code auth.missing_scope} when the principal lacks it
   */
  public void requireScope(ApiKeyScope scope) {
    if (!hasScope(scope)) {
      throw new ForbiddenException("auth.missing_scope", "This credential lacks the scope " + scope);
    }
  }
}
