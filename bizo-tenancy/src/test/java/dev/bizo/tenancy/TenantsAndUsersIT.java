package dev.bizo.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.BizoException;
import dev.bizo.core.ConflictException;
import dev.bizo.core.ForbiddenException;
import dev.bizo.core.ValidationException;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@RealServices
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantsAndUsersIT {

  private TestDatabase db;
  private TenancyDatabase database;
  private Tenants tenants;
  private Users users;
  private AuditLog audit;

  @BeforeAll
  void start(TestDatabase db) {
    this.db = db;
    database = TestTenancy.start(db);
    Transactions tx = database.transactions();
    audit = new AuditLog(tx, Clock.systemUTC());
    users = new Users(tx, audit, Clock.systemUTC());
    tenants = new Tenants(tx, users, audit, Clock.systemUTC());
  }

  @AfterAll
  void stop() {
    assertThat(database.tenantLeaksOnRelease()).isZero();
    database.close();
  }

  @Test
  void signup_creates_the_tenant_its_owner_and_an_audit_entry() {
    SignupResult result = tenants.signup(TestTenancy.signup("acme"));
    assertThat(result.tenant().status()).isEqualTo(TenantStatus.ACTIVE);
    assertThat(tenants.find(result.tenant().id())).contains(result.tenant());
    assertThat(users.findByEmail(result.tenant().id(), "OWNER@acme.example")).contains(result.owner());
    assertThat(result.owner().role()).isEqualTo(Role.OWNER);
    assertThat(audit.recent(result.owner().principal(), 10)).extracting(AuditEntry::action).contains("tenant.signed_up");
    assertThat(users.credentials(result.tenant().id(), "owner@acme.example").orElseThrow().passwordHash())
        .hasValueSatisfying(h -> assertThat(h).startsWith("$argon2id$"));
  }

  @Test
  void a_taken_slug_is_a_conflict() {
    tenants.signup(TestTenancy.signup("taken"));
    assertThatThrownBy(() -> tenants.signup(TestTenancy.signup("taken")))
        .isInstanceOf(ConflictException.class)
        .extracting(e -> ((ConflictException) e).code())
        .isEqualTo("tenancy.slug_taken");
  }

  @Test
  void a_signup_failing_half_way_leaves_no_tenant() throws SQLException {
    // fault injection: the owner insert fails after the tenant row was written in the same transaction
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("create function fail_owner_insert() returns trigger language plpgsql as $$"
          + " begin raise exception 'owner insert fails'; end $$");
      s.execute("create trigger fail_owner before insert on tenant_user for each row execute function fail_owner_insert()");
    }
    try {
      assertThatThrownBy(() -> tenants.signup(TestTenancy.signup("halfway"))).isInstanceOf(BizoException.class);
    } finally {
      try (Connection c = db.connect(); Statement s = c.createStatement()) {
        s.execute("drop trigger fail_owner on tenant_user");
      }
    }
    assertThat(tenants.findBySlug("halfway")).isEmpty();
    try (Connection c = db.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from tenant where slug = 'halfway'")) {
      rs.next();
      assertThat(rs.getLong(1)).isZero();
    }
    assertThat(tenants.signup(TestTenancy.signup("halfway")).tenant().slug()).isEqualTo("halfway");
  }

  @Test
  void invalid_signups_are_refused_before_touching_the_database() {
    assertThatThrownBy(() -> new Signup("", "A!", "nope", " "))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).fieldErrors())
            .extracting(ValidationException.FieldError::field)
            .containsExactlyInAnyOrder("tenantName", "slug", "email", "ownerPasswordHash"));
  }

  @Test
  void emails_are_unique_per_tenant_without_regard_to_case_but_not_across_tenants() {
    SignupResult one = tenants.signup(TestTenancy.signup("mail-one"));
    SignupResult two = tenants.signup(TestTenancy.signup("mail-two"));
    Principal owner = one.owner().principal();
    users.add(owner, "Ada@Example.com", Role.MEMBER, null);
    assertThatThrownBy(() -> users.add(owner, "ada@example.COM", Role.VIEWER, null))
        .isInstanceOf(ConflictException.class)
        .extracting(e -> ((ConflictException) e).code())
        .isEqualTo("tenancy.email_taken");
    assertThat(users.add(two.owner().principal(), "ada@example.com", Role.ADMIN, null).role()).isEqualTo(Role.ADMIN);
    assertThat(users.findByEmail(two.tenant().id(), "ADA@example.com")).map(User::role).contains(Role.ADMIN);
  }

  @Test
  void role_changes_need_permission_keep_an_owner_and_are_audited() {
    SignupResult t = tenants.signup(TestTenancy.signup("roles-co"));
    Principal owner = t.owner().principal();
    User admin = users.add(owner, "admin@roles.example", Role.ADMIN, null);
    User member = users.add(owner, "member@roles.example", Role.MEMBER, null);
    assertThatThrownBy(() -> users.changeRole(member.principal(), admin.id(), Role.VIEWER)).isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> users.changeRole(admin.principal(), member.id(), Role.OWNER)).isInstanceOf(ForbiddenException.class);
    assertThat(users.changeRole(admin.principal(), member.id(), Role.VIEWER).role()).isEqualTo(Role.VIEWER);
    assertThatThrownBy(() -> users.changeRole(owner, t.owner().id(), Role.ADMIN))
        .isInstanceOf(ConflictException.class)
        .extracting(e -> ((ConflictException) e).code())
        .isEqualTo("tenancy.last_owner");
    List<AuditEntry> entries = audit.recent(t.tenant().id(), 50);
    assertThat(entries).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo("user.role_changed");
      assertThat(e.actor()).isEqualTo(admin.id().toString());
      assertThat(e.target()).contains(member.id().toString());
    });
  }

  @Test
  void the_audit_log_is_append_only_even_for_the_owner_role() throws SQLException {
    SignupResult t = tenants.signup(TestTenancy.signup("audit-co"));
    audit.append(t.tenant().id(), "system", "auth.login_failed", t.owner().id().toString(), "bad password");
    assertThatThrownBy(
            () -> database.transactions().inTenantJdbc(t.tenant().id(), c -> c.createStatement().executeUpdate("delete from tenant_audit")))
        .isInstanceOf(ForbiddenException.class)
        .extracting(e -> ((ForbiddenException) e).code())
        .isEqualTo("persistence.append_only");
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("update tenant_audit set actor = 'someone else'")).isInstanceOf(SQLException.class);
    }
    assertThat(audit.recent(t.tenant().id(), 10)).extracting(AuditEntry::action).contains("auth.login_failed", "tenant.signed_up");
  }

  @Test
  void suspending_a_tenant_is_recorded_in_its_log() {
    SignupResult t = tenants.signup(TestTenancy.signup("suspend-co"));
    assertThat(tenants.changeStatus(t.tenant().id(), TenantStatus.SUSPENDED, "platform-admin").status()).isEqualTo(TenantStatus.SUSPENDED);
    assertThat(tenants.findBySlug("suspend-co")).map(Tenant::status).contains(TenantStatus.SUSPENDED);
    assertThat(audit.recent(t.tenant().id(), 10)).extracting(AuditEntry::action).contains("tenant.status_changed");
  }
}
