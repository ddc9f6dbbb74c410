package dev.bizo.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.ForbiddenException;
import dev.bizo.core.TenantId;
import dev.bizo.tenancy.Permission;
import dev.bizo.tenancy.Principal;
import dev.bizo.tenancy.Role;
import dev.bizo.tenancy.auth.ApiKeyScope;
import dev.bizo.tenancy.auth.AuthPrincipal;
import dev.bizo.tenancy.auth.AuthenticationException;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallerTest {

  private final TenantId tenant = TenantId.generate();

  private Caller caller(AuthPrincipal principal) {
    Caller caller = new Caller();
    caller.authenticated(principal);
    return caller;
  }

  @Test
  void each_permission_has_its_own_readable_scope() {
    assertThat(Caller.scopeOf(Permission.USERS_READ).value()).isEqualTo("users:read");
    assertThat(Caller.scopeOf(Permission.API_KEYS_MANAGE).value()).isEqualTo("api-keys:manage");
    assertThat(Arrays.stream(Permission.values()).map(Caller::scopeOf).distinct()).hasSize(Permission.values().length);
  }

  @Test
  void a_viewer_may_read_data_but_not_manage_users() {
    Caller viewer = caller(new AuthPrincipal(AuthPrincipal.Kind.USER, tenant, "u1", Set.of("VIEWER"), Set.of()));

    viewer.require(Permission.DATA_READ);
    assertThatThrownBy(() -> viewer.require(Permission.USERS_MANAGE))
        .isInstanceOf(ForbiddenException.class)
        .extracting(e -> ((ForbiddenException) e).code())
        .isEqualTo("forbidden");
  }

  @Test
  void an_api_key_may_do_what_its_scopes_name_and_nothing_else() {
    Caller key = caller(new AuthPrincipal(
        AuthPrincipal.Kind.API_KEY, tenant, "k1", Set.of(), Set.of(ApiKeyScope.of("users:read"))));

    assertThat(key.allows(Permission.USERS_READ)).isTrue();
    assertThat(key.allows(Permission.USERS_MANAGE)).isFalse();
    assertThat(key.allows(Permission.DATA_READ)).isFalse();
  }

  @Test
  void an_api_key_acts_as_the_lowest_role_that_holds_the_permission() {
    Caller key = caller(new AuthPrincipal(AuthPrincipal.Kind.API_KEY, tenant, "k1", Set.of(),
        Set.of(ApiKeyScope.of("users:manage"), ApiKeyScope.of("data:read"), ApiKeyScope.of("tenant:manage"))));

    Principal users = key.actingFor(Permission.USERS_MANAGE);
    assertThat(users.roles()).containsExactly(Role.ADMIN);
    assertThat(users.subject()).isEqualTo("api-key:k1");
    assertThat(users.tenant()).isEqualTo(tenant);
    assertThat(key.actingFor(Permission.DATA_READ).roles()).containsExactly(Role.VIEWER);
    assertThat(key.actingFor(Permission.TENANT_MANAGE).roles()).containsExactly(Role.OWNER);
    assertThatThrownBy(() -> key.actingFor(Permission.DATA_WRITE)).isInstanceOf(ForbiddenException.class);
  }

  @Test
  void a_caller_without_a_verified_credential_has_no_tenant() {
    assertThatThrownBy(() -> new Caller().tenant())
        .isInstanceOf(AuthenticationException.class)
        .extracting(e -> ((AuthenticationException) e).code())
        .isEqualTo("unauthorized");
  }
}
