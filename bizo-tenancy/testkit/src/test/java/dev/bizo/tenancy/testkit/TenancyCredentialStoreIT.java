package dev.bizo.tenancy.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.core.TenantId;
import dev.bizo.tenancy.Principal;
import dev.bizo.tenancy.Role;
import dev.bizo.tenancy.Signup;
import dev.bizo.tenancy.SignupResult;
import dev.bizo.tenancy.TenantStatus;
import dev.bizo.tenancy.User;
import dev.bizo.tenancy.auth.TenancyCredentialStore;
import dev.bizo.tenancy.auth.spi.CredentialStore;
import dev.bizo.tenancy.auth.spi.UserCredentials;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestDatabase;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RealServices
class TenancyCredentialStoreIT extends CredentialStoreContract {

  private static AuthTenancy tenancy;
  private final Map<String, TenantId> slugs = new HashMap<>();
  private final TenancyCredentialStore store = new TenancyCredentialStore(tenancy.tenants, tenancy.users);

  @BeforeAll
  static void start(TestDatabase db) {
    tenancy = new AuthTenancy(db);
  }

  @AfterAll
  static void stop() {
    assertThat(tenancy.database.tenantLeaksOnRelease()).isZero();
    tenancy.close();
  }

  @Override
  protected CredentialStore store() {
    return store;
  }

  @Override
  protected UserCredentials givenUser(String slug, String email, String passwordHash, Set<String> roles) {
    TenantId tenant = slugs.computeIfAbsent(slug, s -> tenancy.tenants
        .signup(new Signup("Tenant " + s, s, "owner@" + s + ".test", "$argon2id$owner-placeholder")).tenant().id());
    User user = tenancy.users.add(
        Principal.of(tenant, "test", Role.OWNER), email, Role.parse(roles.iterator().next()), passwordHash);
    return store.findById(tenant, user.id()).orElseThrow();
  }

  @Test
  void reports_users_of_a_suspended_tenant_as_inactive_at_once() {
    SignupResult acme = tenancy.signup("susp", "ann@susp.test", "$argon2id$hash");
    TenancyCredentialStore cached = new TenancyCredentialStore(tenancy.tenants, tenancy.users, Duration.ofHours(1));
    assertThat(cached.findTenant(acme.tenant().slug())).contains(acme.tenant().id());
    assertThat(cached.findByEmail(acme.tenant().id(), "ann@susp.test").orElseThrow().canLogIn()).isTrue();

    tenancy.tenants.changeStatus(acme.tenant().id(), TenantStatus.SUSPENDED, "platform-admin");

    assertThat(cached.findTenant(acme.tenant().slug())).contains(acme.tenant().id());
    UserCredentials ann = cached.findByEmail(acme.tenant().id(), "ann@susp.test").orElseThrow();
    assertThat(ann.active()).isFalse();
    assertThat(ann.canLogIn()).isFalse();
  }

  @Test
  void reports_a_user_without_a_password_as_unable_to_log_in() {
    SignupResult acme = tenancy.signup("nopw", "owner@nopw.test", "$argon2id$hash");
    tenancy.users.add(acme.owner().principal(), "invited@nopw.test", Role.MEMBER, null);

    UserCredentials invited = store.findByEmail(acme.tenant().id(), "invited@nopw.test").orElseThrow();

    assertThat(invited.passwordHash()).isEmpty();
    assertThat(invited.canLogIn()).isFalse();
    assertThat(invited.roles()).containsExactly("MEMBER");
  }
}
