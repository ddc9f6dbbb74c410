package dev.bizo.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.ForbiddenException;
import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoleTest {

  private final TenantId tenant = TenantId.generate();

  @Test
  void each_role_can_do_everything_the_roles_after_it_can() {
    Role[] roles = Role.values();
    for (int i = 0; i + 1 < roles.length; i++) {
      assertThat(roles[i].permissions()).containsAll(roles[i + 1].permissions());
    }
    assertThat(Role.OWNER.permissions()).containsExactlyInAnyOrder(Permission.values());
  }

  @Test
  void admin_cannot_manage_the_tenant_or_billing_and_viewer_only_reads() {
    assertThat(Role.ADMIN.allows(Permission.TENANT_MANAGE)).isFalse();
    assertThat(Role.ADMIN.allows(Permission.BILLING_MANAGE)).isFalse();
    assertThat(Role.ADMIN.allows(Permission.USERS_MANAGE)).isTrue();
    assertThat(Role.VIEWER.permissions()).containsExactly(Permission.DATA_READ);
  }

  @Test
  void principal_require_refuses_a_missing_permission() {
    Principal member = Principal.of(tenant, "u1", Role.MEMBER);
    member.require(Permission.DATA_WRITE);
    assertThatThrownBy(() -> member.require(Permission.SECRETS_MANAGE))
        .isInstanceOf(ForbiddenException.class)
        .extracting(e -> ((ForbiddenException) e).code())
        .isEqualTo("tenancy.permission_denied");
  }

  @Test
  void principal_with_several_roles_has_the_union_of_their_permissions() {
    Principal p = new Principal(tenant, "u2", Set.of(Role.VIEWER, Role.MEMBER));
    assertThat(p.can(Permission.DATA_WRITE)).isTrue();
    assertThat(p.can(Permission.USERS_MANAGE)).isFalse();
  }

  @Test
  void roles_parse_from_token_claims_case_insensitively() {
    assertThat(Role.parse("admin")).isEqualTo(Role.ADMIN);
    assertThatThrownBy(() -> Role.parse("root")).isInstanceOf(ValidationException.class);
  }
}
