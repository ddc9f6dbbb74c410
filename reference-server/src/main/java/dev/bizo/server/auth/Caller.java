package dev.bizo.server.auth;

import dev.bizo.core.ForbiddenException;
import dev.bizo.core.TenantId;
import dev.bizo.tenancy.Permission;
import dev.bizo.tenancy.Principal;
import dev.bizo.tenancy.Role;
import dev.bizo.tenancy.auth.ApiKeyScope;
import dev.bizo.tenancy.auth.AuthPrincipal;
import dev.bizo.tenancy.auth.AuthenticationException;
import jakarta.enterprise.context.RequestScoped;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Who the current request acts for, as verified by {@link BearerAuthentication}. The request's tenant
 * comes from here and nowhere else: never from a header, path or body.
 *
 * <p>A user may do what their role allows. An API key carries no role; it may do what its scopes name,
 * one scope per {@link Permission}: {@code users:read}, {@code users:manage}, {@code api-keys:manage},
 * {@code data:read}, {@code data:write}, ...
 */
@RequestScoped
public class Caller {

  private static final List<Role> LOWEST_ROLE_FIRST = List.of(Role.VIEWER, Role.MEMBER, Role.ADMIN, Role.OWNER);

  private AuthPrincipal principal;

  void authenticated(AuthPrincipal verified) {
    this.principal = verified;
  }

  /** The verified principal. */
  public AuthPrincipal principal() {
    if (principal == null) {
      // Only reachable from a @Public endpoint that asks for a caller: a server bug, reported as 401.
      throw new AuthenticationException("unauthorized", "This request carries no credential");
    }
    return principal;
  }

  /** The verified principal, or empty on a request that carries no credential (a {@link Public} endpoint). */
  public Optional<AuthPrincipal> verified() {
    return Optional.ofNullable(principal);
  }

  /** The tenant of the verified credential. */
  public TenantId tenant() {
    return principal().tenant();
  }

  /**
   * Requires {@code permission} and returns a tenancy principal that SDK services accept for it. A user
   * is their own principal; an API key, which has scopes instead of a role, acts as a principal with the lowest
   * role that grants the permission (e.g. {@code users:manage} as an admin, who cannot touch owners), after this
   * method has checked the key's scope. Its subject is {@code api-key:<keyId>}.
   */
  public Principal actingFor(Permission permission) {
    require(permission);
    AuthPrincipal p = principal();
    if (p.kind() != AuthPrincipal.Kind.API_KEY) {
      return p.toPrincipal();
    }
    // The lowest such role, so a key never acts beyond its scope where a service checks the role itself (only an
    // owner adds an owner). An EnumSet would iterate in declaration order, owner first.
    Role role = LOWEST_ROLE_FIRST.stream().filter(r -> r.allows(permission)).findFirst().orElseThrow();
    return Principal.of(p.tenant(), "api-key:" + p.subject(), role);
  }

  /**
   * Requires a permission: from the role of a user, or from the scopes of an API key.
   *
   * @throws ForbiddenException with code {@code forbidden} when the caller lacks it
   */
  public void require(Permission permission) {
    if (!allows(permission)) {
      throw new ForbiddenException("forbidden", "This credential may not " + scopeOf(permission));
    }
  }

  /** Whether the caller holds {@code permission}. */
  public boolean allows(Permission permission) {
    AuthPrincipal p = principal();
    if (p.kind() == AuthPrincipal.Kind.API_KEY) {
      return p.hasScope(scopeOf(permission));
    }
    return p.toPrincipal().can(permission);
  }

  /** The API key scope that grants {@code permission}, e.g. {@code api-keys:manage} for API_KEYS_MANAGE. */
  public static ApiKeyScope scopeOf(Permission permission) {
    String name = permission.name().toLowerCase(Locale.ROOT);
    int last = name.lastIndexOf('_');
    return ApiKeyScope.of(name.substring(0, last).replace('_', '-') + ":" + name.substring(last + 1));
  }
}
