package dev.bizo.server.auth;

import dev.bizo.core.TenantId;
import dev.bizo.tenancy.auth.AuthPrincipal;
import java.util.Set;

/** Callers as the bearer filter leaves them, for unit tests of resources in other packages. */
public final class TestCallers {

  private TestCallers() {}

  /** A signed-in user of {@code tenant} with the given roles, e.g. {@code VIEWER}. */
  public static Caller user(TenantId tenant, String... roles) {
    Caller caller = new Caller();
    caller.authenticated(new AuthPrincipal(AuthPrincipal.Kind.USER, tenant, "test-user", Set.of(roles), Set.of()));
    return caller;
  }
}
