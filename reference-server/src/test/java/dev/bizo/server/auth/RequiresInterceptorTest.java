package dev.bizo.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.ForbiddenException;
import dev.bizo.core.TenantId;
import dev.bizo.tenancy.Permission;
import dev.bizo.tenancy.auth.ApiKeyScope;
import dev.bizo.tenancy.auth.AuthPrincipal;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequiresInterceptorTest {

  private final TenantId tenant = TenantId.generate();

  /** Stands in for a resource whose method names its permission. */
  public static class Endpoints {
    @Requires(Permission.DATA_WRITE)
    public String write() {
      return "written";
    }
  }

  /** Stands in for a resource that names one permission for all its methods but one. */
  @Requires(Permission.USERS_MANAGE)
  public static class AdminEndpoints {
    public String manage() {
      return "managed";
    }

    @Requires(Permission.DATA_READ)
    public String read() {
      return "read";
    }
  }

  @Test
  void a_caller_without_the_permission_is_refused_403_forbidden_before_the_method_runs() throws Exception {
    ResourceCall call = ResourceCall.recording(Endpoints.class.getMethod("write"));

    assertThatThrownBy(() -> call.through(user("VIEWER")))
        .isInstanceOfSatisfying(ForbiddenException.class, e -> {
          assertThat(e.code()).isEqualTo("forbidden");
          assertThat(e.getMessage()).isEqualTo("This credential may not data:write");
        });
    assertThat(call.proceeded()).isFalse();
  }

  @Test
  void a_caller_with_the_permission_reaches_the_method() throws Exception {
    assertThat(ResourceCall.invoke(user("MEMBER"), new Endpoints(), "write")).isEqualTo("written");
  }

  @Test
  void an_api_key_is_checked_by_its_scopes() throws Exception {
    Caller key = new Caller();
    key.authenticated(new AuthPrincipal(
        AuthPrincipal.Kind.API_KEY, tenant, "k1", Set.of(), Set.of(ApiKeyScope.of("data:read"))));

    assertThat(ResourceCall.invoke(key, new AdminEndpoints(), "read")).isEqualTo("read");
    assertThatThrownBy(() -> ResourceCall.invoke(key, new Endpoints(), "write")).isInstanceOf(ForbiddenException.class);
  }

  @Test
  void a_method_without_its_own_permission_takes_its_class_permission() throws Exception {
    assertThatThrownBy(() -> ResourceCall.invoke(user("MEMBER"), new AdminEndpoints(), "manage"))
        .isInstanceOfSatisfying(ForbiddenException.class, e -> assertThat(e.getMessage()).endsWith("users:manage"));
    assertThat(ResourceCall.invoke(user("ADMIN"), new AdminEndpoints(), "manage")).isEqualTo("managed");
  }

  private Caller user(String role) {
    return TestCallers.user(tenant, role);
  }
}
