package dev.bizo.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.ConflictException;
import dev.bizo.core.ForbiddenException;
import dev.bizo.core.Ids;
import dev.bizo.core.RetriableException;
import dev.bizo.core.TenantId;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@RealServices
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenancyDatabaseIT {

  private TestDatabase db;
  private TenancyDatabase database;
  private Transactions tx;
  private Tenants tenants;
  private int deliberateLeaks;

  @BeforeAll
  void start(TestDatabase db) {
    this.db = db;
    database = TestTenancy.start(db);
    tx = database.transactions();
    AuditLog audit = new AuditLog(tx, Clock.systemUTC());
    tenants = new Tenants(tx, new Users(tx, audit, Clock.systemUTC()), audit, Clock.systemUTC());
  }

  @AfterAll
  void stop() {
    assertThat(database.tenantLeaksOnRelease()).isEqualTo(deliberateLeaks);
    database.close();
  }

  @Test
  void app_role_owns_nothing_and_cannot_bypass_row_level_security() throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery(
          "select rolsuper, rolbypassrls, rolcreaterole, rolcreatedb from pg_roles where rolname = '" + database.appRole() + "'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getBoolean(1)).isFalse();
        assertThat(rs.getBoolean(2)).isFalse();
        assertThat(rs.getBoolean(3)).isFalse();
        assertThat(rs.getBoolean(4)).isFalse();
      }
      try (ResultSet rs = s.executeQuery(
          "select count(*) from pg_class c join pg_roles r on r.oid = c.relowner"
              + " where r.rolname = '" + database.appRole() + "'")) {
        rs.next();
        assertThat(rs.getLong(1)).isZero();
      }
    }
  }

  @Test
  void app_role_cannot_touch_migration_history() throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "select has_table_privilege('" + database.appRole() + "', 'flyway_history_tenancy', 'SELECT'),"
                + " has_table_privilege('" + database.appRole() + "', 'flyway_history_widgets', 'INSERT'),"
                + " has_table_privilege('" + database.appRole() + "', 'widget', 'INSERT')")) {
      rs.next();
      assertThat(rs.getBoolean(1)).isFalse();
      assertThat(rs.getBoolean(2)).isFalse();
      assertThat(rs.getBoolean(3)).isTrue();
    }
  }

  @Test
  void a_module_migrates_with_its_own_history_table() throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from flyway_history_widgets where success and version = '1'")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(1);
    }
  }

  @Test
  void work_that_throws_leaves_nothing_written() {
    TenantId tenant = tenants.signup(TestTenancy.signup("rollback-co")).tenant().id();
    UUID id = Ids.newUuid();
    assertThatThrownBy(
            () ->
                tx.inTenant(
                    tenant,
                    session -> {
                      session.persist(new Widget(id, "half"));
                      session.flush();
                      throw new IllegalStateException("boom");
                    }))
        .isInstanceOf(IllegalStateException.class);
    Widget found = tx.inTenant(tenant, session -> session.find(Widget.class, id));
    assertThat(found).isNull();
  }

  @Test
  void a_connection_without_a_tenant_sees_no_rows() throws SQLException {
    tenants.signup(TestTenancy.signup("unscoped-co"));
    try (Connection c = database.appDataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from tenant")) {
      rs.next();
      assertThat(rs.getLong(1)).isZero();
      c.rollback();
    }
  }

  @Test
  void the_tenant_setting_never_survives_in_a_pooled_connection() throws SQLException {
    TenantId tenant = tenants.signup(TestTenancy.signup("pool-co")).tenant().id();
    for (int i = 0; i < 10; i++) {
      tx.inTenantJdbc(tenant, c -> c.createStatement().executeQuery("select 1").next());
      tx.inTenant(tenant, session -> session.find(Widget.class, Ids.newUuid()));
    }
    List<Connection> borrowed = new ArrayList<>();
    try {
      for (int i = 0; i < database.poolSize(); i++) {
        borrowed.add(database.appDataSource().getConnection());
      }
      for (Connection c : borrowed) {
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("select coalesce(current_setting('bizo.tenant_id', true), '')")) {
          rs.next();
          assertThat(rs.getString(1)).isEmpty();
        }
      }
    } finally {
      for (Connection c : borrowed) {
        c.rollback();
        c.close();
      }
    }
    assertThat(database.tenantLeaksOnRelease()).isEqualTo(deliberateLeaks);
  }

  @Test
  void a_session_level_tenant_is_caught_on_the_way_back_to_the_pool() {
    TenantId tenant = TenantId.generate();
    long before = database.tenantLeaksOnRelease();
    tx.inTenantJdbc(tenant, c -> c.createStatement().execute("select set_config('bizo.tenant_id', '" + tenant + "', false)"));
    assertThat(database.tenantLeaksOnRelease()).isEqualTo(before + 1);
    deliberateLeaks++;
    // clean the poisoned connection so the class-level check stays meaningful for everything else
    for (int i = 0; i < database.poolSize(); i++) {
      tx.inTenantJdbc(tenant, x -> x.createStatement().execute("reset bizo.tenant_id"));
    }
    assertThat(database.tenantLeaksOnRelease()).isEqualTo(before + 1);
  }

  @Test
  void serialization_failures_and_deadlocks_are_retriable() {
    TenantId tenant = TenantId.generate();
    for (String state : List.of("40001", "40P01")) {
      assertThatThrownBy(
              () ->
                  tx.inTenantJdbc(
                      tenant,
                      c -> c.createStatement().execute("do $$ begin raise exception 'simulated' using errcode = '" + state + "'; end $$")))
          .isInstanceOf(RetriableException.class)
          .extracting(e -> ((RetriableException) e).code())
          .isEqualTo("persistence.retry");
    }
  }

  @Test
  void a_unique_violation_is_a_conflict() {
    TenantId tenant = tenants.signup(TestTenancy.signup("unique-co")).tenant().id();
    UUID id = Ids.newUuid();
    tx.inTenant(tenant, session -> {
      session.persist(new Widget(id, "one"));
      return null;
    });
    assertThatThrownBy(
            () ->
                tx.inTenantJdbc(
                    tenant,
                    c -> {
                      try (PreparedStatement s = c.prepareStatement("insert into widget (id, tenant_id, label) values (?, ?, 'two')")) {
                        s.setObject(1, id);
                        s.setObject(2, tenant.value());
                        return s.executeUpdate();
                      }
                    }))
        .isInstanceOf(ConflictException.class)
        .extracting(e -> ((ConflictException) e).code())
        .isEqualTo("persistence.unique_violation");
  }

  @Test
  void system_scope_reads_every_tenant_is_audited_and_cannot_write() throws SQLException {
    tenants.signup(TestTenancy.signup("sys-one"));
    tenants.signup(TestTenancy.signup("sys-two"));
    List<String> slugs = tenants.list("platform admin lists tenants", 100).stream().map(Tenant::slug).toList();
    assertThat(slugs).contains("sys-one", "sys-two");
    try (Connection c = db.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from platform_audit where reason = 'platform admin lists tenants'")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(1);
    }
    assertThatThrownBy(
            () -> tx.asSystemJdbc("try to write", c -> c.createStatement().executeUpdate("update tenant set name = 'x'")))
        .isInstanceOf(dev.bizo.core.BizoException.class);
    assertThat(tenants.findBySlug("sys-one")).map(Tenant::name).contains("Tenant sys-one");
  }

  @Test
  void tenant_scoped_reads_get_the_tenant_condition_as_an_index_condition() {
    TenantId tenant = tenants.signup(TestTenancy.signup("planner")).tenant().id();
    String plan =
        tx.inTenantJdbc(
            tenant,
            c -> {
              try (Statement s = c.createStatement()) {
                s.execute("set local enable_seqscan = off");
                StringBuilder text = new StringBuilder();
                try (ResultSet rs = s.executeQuery("explain select email from tenant_user")) {
                  while (rs.next()) {
                    text.append(rs.getString(1)).append('\n');
                  }
                }
                return text.toString();
              }
            });
    // no OR with the system-scope policy: the policy's tenant test drives the (tenant_id, ...) index
    assertThat(plan).contains("Index Cond: (tenant_id = ").doesNotContain("bizo.system_scope");
  }

  @Test
  void the_system_scope_reads_through_its_own_role_and_the_app_role_alone_cannot() throws SQLException {
    tenants.signup(TestTenancy.signup("role-one"));
    String role = tx.asSystemJdbc("check the system scope role", c -> {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select current_user")) {
        rs.next();
        return rs.getString(1);
      }
    });
    assertThat(role).isEqualTo("bizo_system_scope");
    // the flag without the role shows nothing: the cross-tenant policy applies only to the role
    long visible = tx.inTenantJdbc(TenantId.generate(), c -> {
      try (Statement s = c.createStatement()) {
        s.execute("select set_config('bizo.system_scope', 'on', true)");
        try (ResultSet rs = s.executeQuery("select count(*) from tenant")) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
    assertThat(visible).isZero();
  }

  @Test
  void writing_another_tenants_row_is_refused_by_the_database() {
    TenantId a = tenants.signup(TestTenancy.signup("writer-a")).tenant().id();
    TenantId b = tenants.signup(TestTenancy.signup("writer-b")).tenant().id();
    assertThatThrownBy(
            () ->
                tx.inTenantJdbc(
                    b,
                    c -> {
                      try (PreparedStatement s = c.prepareStatement("insert into widget (id, tenant_id, label) values (?, ?, 'x')")) {
                        s.setObject(1, Ids.newUuid());
                        s.setObject(2, a.value());
                        return s.executeUpdate();
                      }
                    }))
        .isInstanceOf(ForbiddenException.class)
        .extracting(e -> ((ForbiddenException) e).code())
        .isEqualTo("persistence.tenant_isolation");
  }

  /**
   * The widget module stands in for a later module: the shared helper it calls must give its table forced
   * row-level security and a policy. (Tenancy's own tables run the test kit's ForcedRowLevelSecurity check in
   * bizo-tenancy-testkit, which this module cannot depend on.)
   */
  @Test
  void a_later_modules_table_gets_forced_row_level_security_and_a_policy_from_the_shared_helper() throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "select c.relrowsecurity, c.relforcerowsecurity, (select count(*) from pg_policy p where p.polrelid = c.oid)"
            + " from pg_class c join pg_namespace n on n.oid = c.relnamespace"
            + " where c.relname = 'widget' and n.nspname = 'public'")) {
      assertThat(rs.next()).as("the widget module's table exists").isTrue();
      assertThat(rs.getBoolean(1)).as("row-level security").isTrue();
      assertThat(rs.getBoolean(2)).as("forced row-level security").isTrue();
      assertThat(rs.getInt(3)).as("policies").isPositive();
    }
  }
}
