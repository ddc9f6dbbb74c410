package dev.bizo.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.BizoException;
import dev.bizo.core.ConflictException;
import dev.bizo.core.ForbiddenException;
import dev.bizo.core.NotFoundException;
import dev.bizo.core.ValidationException;
import dev.bizo.testkit.Eventually;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Signup and users on tenancy's real tables: adding, changing, disabling and removing users, permissions, the
 * last-owner rule (also under a race), audit and isolation.
 */
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
    Staff staff = staff("roles");
    assertThatThrownBy(() -> users.changeRole(staff.member().principal(), staff.admin().id(), Role.VIEWER))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> users.changeRole(staff.admin().principal(), staff.member().id(), Role.OWNER))
        .isInstanceOf(ForbiddenException.class);
    assertThat(users.changeRole(staff.admin().principal(), staff.member().id(), Role.VIEWER).role()).isEqualTo(Role.VIEWER);
    assertThatThrownBy(() -> users.changeRole(staff.owner(), staff.signup().owner().id(), Role.ADMIN))
        .isInstanceOf(ConflictException.class)
        .extracting(e -> ((ConflictException) e).code())
        .isEqualTo("tenancy.last_owner");
    List<AuditEntry> entries = audit.recent(staff.signup().tenant().id(), 50);
    assertThat(entries).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo("user.role_changed");
      assertThat(e.actor()).isEqualTo(staff.admin().id().toString());
      assertThat(e.target()).contains(staff.member().id().toString());
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

  /** A fresh tenant ({@code <name>-co}) with its owner, an admin and a member. */
  private record Staff(SignupResult signup, Principal owner, User admin, User member) {}

  private Staff staff(String name) {
    SignupResult t = tenants.signup(TestTenancy.signup(name + "-co"));
    Principal owner = t.owner().principal();
    return new Staff(t, owner, users.add(owner, "admin@" + name + ".example", Role.ADMIN, null),
        users.add(owner, "member@" + name + ".example", Role.MEMBER, null));
  }

  private static String code(Throwable e) {
    return ((BizoException) e).code();
  }

  @Test
  void disabling_and_enabling_a_user_is_kept_and_audited_once_per_change() {
    SignupResult t = tenants.signup(TestTenancy.signup("disable-co"));
    Principal owner = t.owner().principal();
    User member = users.add(owner, "member@disable.example", Role.MEMBER, null);

    assertThat(users.disable(owner, member.id()).active()).isFalse();
    assertThat(users.disable(owner, member.id()).active()).as("disabling twice changes nothing").isFalse();
    assertThat(users.find(t.tenant().id(), member.id())).map(User::active).contains(false);
    assertThat(users.enable(owner, member.id()).active()).isTrue();
    assertThat(users.find(t.tenant().id(), member.id())).map(User::active).contains(true);

    List<AuditEntry> entries = audit.recent(t.tenant().id(), 50);
    assertThat(entries).filteredOn(e -> e.target().equals(Optional.of(member.id().toString())))
        .extracting(AuditEntry::action)
        .containsExactly("user.enabled", "user.disabled", "user.added");
    assertThat(entries).filteredOn(e -> e.action().equals("user.disabled"))
        .singleElement().satisfies(e -> assertThat(e.actor()).isEqualTo(owner.subject()));
  }

  @Test
  void one_update_changes_role_and_state_together_or_not_at_all() {
    SignupResult t = tenants.signup(TestTenancy.signup("update-co"));
    Principal owner = t.owner().principal();
    User admin = users.add(owner, "admin@update.example", Role.ADMIN, null);

    User changed = users.update(owner, admin.id(), new UserUpdate(Optional.of(Role.VIEWER), Optional.of(true)));
    assertThat(changed.role()).isEqualTo(Role.VIEWER);
    assertThat(changed.active()).isFalse();
    assertThat(audit.recent(t.tenant().id(), 50)).extracting(AuditEntry::action).contains("user.role_changed", "user.disabled");

    // the last owner may not go, so the role part is not applied either
    assertThatThrownBy(() -> users.update(owner, t.owner().id(), new UserUpdate(Optional.of(Role.ADMIN), Optional.of(false))))
        .isInstanceOf(ConflictException.class)
        .extracting(TenantsAndUsersIT::code)
        .isEqualTo("tenancy.last_owner");
    assertThat(users.find(t.tenant().id(), t.owner().id())).map(User::role).contains(Role.OWNER);
  }

  @Test
  void the_last_active_owner_can_be_neither_demoted_disabled_nor_removed() {
    SignupResult t = tenants.signup(TestTenancy.signup("last-owner-co"));
    Principal owner = t.owner().principal();
    UUID ownerId = t.owner().id();

    assertThatThrownBy(() -> users.changeRole(owner, ownerId, Role.ADMIN)).extracting(TenantsAndUsersIT::code).isEqualTo("tenancy.last_owner");
    assertThatThrownBy(() -> users.disable(owner, ownerId)).extracting(TenantsAndUsersIT::code).isEqualTo("tenancy.last_owner");
    assertThatThrownBy(() -> users.remove(owner, ownerId)).extracting(TenantsAndUsersIT::code).isEqualTo("tenancy.last_owner");

    // a disabled owner does not count: with a second owner disabled, the first is still the last active one
    User second = users.add(owner, "second@last-owner.example", Role.OWNER, null);
    users.disable(owner, second.id());
    assertThatThrownBy(() -> users.remove(owner, ownerId)).extracting(TenantsAndUsersIT::code).isEqualTo("tenancy.last_owner");

    users.enable(owner, second.id());
    users.remove(owner, ownerId);
    assertThat(users.find(t.tenant().id(), ownerId)).isEmpty();
    assertThat(users.list(t.tenant().id())).extracting(User::email).containsExactly("second@last-owner.example");
  }

  @Test
  void only_an_owner_touches_an_owner_and_only_users_managers_touch_anyone() {
    Staff staff = staff("perm");
    User viewer = users.add(staff.owner(), "viewer@perm.example", Role.VIEWER, null);
    users.add(staff.owner(), "second@perm.example", Role.OWNER, null);

    assertThatThrownBy(() -> users.disable(staff.admin().principal(), staff.signup().owner().id()))
        .isInstanceOf(ForbiddenException.class).extracting(TenantsAndUsersIT::code).isEqualTo("tenancy.permission_denied");
    assertThatThrownBy(() -> users.remove(staff.admin().principal(), staff.signup().owner().id()))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> users.disable(staff.member().principal(), viewer.id())).isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> users.remove(viewer.principal(), staff.member().id())).isInstanceOf(ForbiddenException.class);

    assertThat(users.disable(staff.admin().principal(), viewer.id()).active()).isFalse();
    users.remove(staff.admin().principal(), viewer.id());
    assertThat(users.find(staff.signup().tenant().id(), viewer.id())).isEmpty();
    assertThatThrownBy(() -> users.remove(staff.admin().principal(), viewer.id())).isInstanceOf(NotFoundException.class);
    assertThat(audit.recent(staff.signup().tenant().id(), 50)).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo("user.removed");
      assertThat(e.actor()).isEqualTo(staff.admin().id().toString());
      assertThat(e.target()).contains(viewer.id().toString());
    });
  }

  @Test
  void another_tenants_user_cannot_be_reached() {
    SignupResult mine = tenants.signup(TestTenancy.signup("reach-mine"));
    SignupResult theirs = tenants.signup(TestTenancy.signup("reach-theirs"));
    Principal owner = mine.owner().principal();
    User victim = users.add(theirs.owner().principal(), "victim@theirs.example", Role.MEMBER, null);

    assertThatThrownBy(() -> users.disable(owner, victim.id())).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> users.changeRole(owner, victim.id(), Role.VIEWER)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> users.remove(owner, victim.id())).isInstanceOf(NotFoundException.class);
    assertThat(users.find(theirs.tenant().id(), victim.id())).hasValueSatisfying(u -> {
      assertThat(u.active()).isTrue();
      assertThat(u.role()).isEqualTo(Role.MEMBER);
    });
  }

  @Test
  void two_owners_taking_each_other_away_at_the_same_time_leave_one_owner() throws Exception {
    SignupResult t = tenants.signup(TestTenancy.signup("race-co"));
    User first = t.owner();
    User second = users.add(first.principal(), "second@race.example", Role.OWNER, null);

    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<?>> changes = new ArrayList<>();
    // Holds the owner rows, so both changes start, count the owners and then wait: without the lock taken before the
    // count, both would count two owners and both would succeed.
    try (Connection holder = db.connect(); Statement s = holder.createStatement()) {
      holder.setAutoCommit(false);
      s.execute("select id from tenant_user where tenant_id = '" + t.tenant().id().value() + "' for update");
      changes.add(pool.submit(() -> users.disable(first.principal(), second.id())));
      changes.add(pool.submit(() -> users.changeRole(second.principal(), first.id(), Role.ADMIN)));
      Eventually.within(Duration.ofSeconds(30), "both changes wait for the owner rows", () -> waitingOnLocks() >= 2);
      holder.rollback();
    } finally {
      pool.shutdown();
    }

    List<Throwable> refused = new ArrayList<>();
    for (Future<?> change : changes) {
      try {
        change.get();
      } catch (java.util.concurrent.ExecutionException e) {
        refused.add(e.getCause());
      }
    }
    assertThat(refused).singleElement().extracting(TenantsAndUsersIT::code).isEqualTo("tenancy.last_owner");
    assertThat(users.list(t.tenant().id())).filteredOn(u -> u.role() == Role.OWNER && u.active()).hasSize(1);
  }

  private long waitingOnLocks() {
    try (Connection c = db.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
