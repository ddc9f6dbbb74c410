package dev.bizo.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.BizoException;
import dev.bizo.core.ConflictException;
import dev.bizo.core.ForbiddenException;
import dev.bizo.core.NotFoundException;
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

/** Changing, disabling and removing users: permissions, the last-owner rule (also under a race), audit, isolation. */
@RealServices
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserAdministrationIT {

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
        .extracting(UserAdministrationIT::code)
        .isEqualTo("tenancy.last_owner");
    assertThat(users.find(t.tenant().id(), t.owner().id())).map(User::role).contains(Role.OWNER);
  }

  @Test
  void the_last_active_owner_can_be_neither_demoted_disabled_nor_removed() {
    SignupResult t = tenants.signup(TestTenancy.signup("last-owner-co"));
    Principal owner = t.owner().principal();
    UUID ownerId = t.owner().id();

    assertThatThrownBy(() -> users.changeRole(owner, ownerId, Role.ADMIN)).extracting(UserAdministrationIT::code).isEqualTo("tenancy.last_owner");
    assertThatThrownBy(() -> users.disable(owner, ownerId)).extracting(UserAdministrationIT::code).isEqualTo("tenancy.last_owner");
    assertThatThrownBy(() -> users.remove(owner, ownerId)).extracting(UserAdministrationIT::code).isEqualTo("tenancy.last_owner");

    // a disabled owner does not count: with a second owner disabled, the first is still the last active one
    User second = users.add(owner, "second@last-owner.example", Role.OWNER, null);
    users.disable(owner, second.id());
    assertThatThrownBy(() -> users.remove(owner, ownerId)).extracting(UserAdministrationIT::code).isEqualTo("tenancy.last_owner");

    users.enable(owner, second.id());
    users.remove(owner, ownerId);
    assertThat(users.find(t.tenant().id(), ownerId)).isEmpty();
    assertThat(users.list(t.tenant().id())).extracting(User::email).containsExactly("second@last-owner.example");
  }

  @Test
  void only_an_owner_touches_an_owner_and_only_users_managers_touch_anyone() {
    SignupResult t = tenants.signup(TestTenancy.signup("perm-co"));
    Principal owner = t.owner().principal();
    User admin = users.add(owner, "admin@perm.example", Role.ADMIN, null);
    User member = users.add(owner, "member@perm.example", Role.MEMBER, null);
    User viewer = users.add(owner, "viewer@perm.example", Role.VIEWER, null);
    users.add(owner, "second@perm.example", Role.OWNER, null);

    assertThatThrownBy(() -> users.disable(admin.principal(), t.owner().id()))
        .isInstanceOf(ForbiddenException.class).extracting(UserAdministrationIT::code).isEqualTo("tenancy.permission_denied");
    assertThatThrownBy(() -> users.remove(admin.principal(), t.owner().id())).isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> users.disable(member.principal(), viewer.id())).isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> users.remove(viewer.principal(), member.id())).isInstanceOf(ForbiddenException.class);

    assertThat(users.disable(admin.principal(), viewer.id()).active()).isFalse();
    users.remove(admin.principal(), viewer.id());
    assertThat(users.find(t.tenant().id(), viewer.id())).isEmpty();
    assertThatThrownBy(() -> users.remove(admin.principal(), viewer.id())).isInstanceOf(NotFoundException.class);
    assertThat(audit.recent(t.tenant().id(), 50)).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo("user.removed");
      assertThat(e.actor()).isEqualTo(admin.id().toString());
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
    assertThat(refused).singleElement().extracting(UserAdministrationIT::code).isEqualTo("tenancy.last_owner");
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
