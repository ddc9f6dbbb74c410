package dev.bizo.tenancy.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.ForbiddenException;
import dev.bizo.core.TenantId;
import dev.bizo.tenancy.PersistenceModule;
import dev.bizo.tenancy.TenancyDatabase;
import dev.bizo.tenancy.Transactions;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hibernate.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The tenant-isolation contract every table holding tenant data must pass. Extend it once per table in
 * your module's persistence tests (as an {@code *IT}). A module that works in plain SQL creates its rows
 * through JDBC and needs no Hibernate entity:
 *
 * <pre>{@code
 * class LeadIsolationIT extends TenantIsolationContract<Void> {
 *   protected List<PersistenceModule> modules() { return CrmPersistence.modules(); }
 *   protected String table() { return "crm_lead"; }
 *   protected Object createRow(Connection connection, TenantId tenant) throws SQLException {
 *     UUID id = Ids.newUuid();
 *     try (PreparedStatement s = connection.prepareStatement("insert into crm_lead (id, tenant_id, name) values (?, ?, 'Ada')")) {
 *       s.setObject(1, id);
 *       s.setObject(2, tenant.value());
 *       s.executeUpdate();
 *     }
 *     return id;
 *   }
 * }
 * }</pre>
 *
 * <p>A module that maps the table to an entity names it in {@link #entityClass()} and may create rows through
 * Hibernate instead, by overriding {@link #createRow(Session, TenantId)}; the contract then also checks
 * Hibernate's {@code find()} and queries.
 *
 * <p>Against a real PostgreSQL, as the application role, the contract checks that tenant A's rows are
 * invisible to tenant B through a lookup by id, queries, native SQL and raw JDBC; that inserting
 * a row for another tenant, moving a row to another tenant, or updating and deleting another tenant's rows
 * fail or touch nothing; that a connection without a tenant sees zero rows; and that no pooled connection
 * keeps a tenant after the work is done.
 *
 * @param <E> the entity type stored in the table, or {@link Void} for a table the module maps to no entity
 */
@RealServices
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class TenantIsolationContract<E> {

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

  private TestDatabase db;
  private TenancyDatabase database;
  private TenantId a;
  private TenantId b;

  /** The modules to migrate besides tenancy's own (which is always included). */
  protected abstract List<PersistenceModule> modules();

  /** The table under test; it has a {@code tenant_id} column. */
  protected abstract String table();

  /** The column {@link #createRow(Connection, TenantId)}'s ids are in; {@code id} by default. */
  protected String idColumn() {
    return "id";
  }

  /**
   * The entity class mapped to {@link #table()}, with a {@code @TenantId} attribute, if the module maps one:
   * then lookups and counts go through Hibernate ({@code find()} and HQL), else through SQL. None by default.
   */
  protected Optional<Class<E>> entityClass() {
    return Optional.empty();
  }

  /**
   * Inserts one row for {@code tenant} on {@code connection} (already scoped to that tenant) and returns its
   * id, the value of {@link #idColumn()}. Override this or {@link #createRow(Session, TenantId)}.
   */
  protected Object createRow(Connection connection, TenantId tenant) throws SQLException {
    throw new UnsupportedOperationException(
        getClass().getName() + " overrides neither createRow(Connection, TenantId) nor createRow(Session, TenantId)");
  }

  /**
   * Creates and persists one row for {@code tenant} in {@code session} (already scoped to that tenant)
   * and returns its id, as {@code session.find(entityClass(), id)} expects it. By default it runs
   * {@link #createRow(Connection, TenantId)} on the session's connection.
   */
  protected Object createRow(Session session, TenantId tenant) {
    return session.doReturningWork(connection -> createRow(connection, tenant));
  }

  /**
   * A tenant to own rows; by default a freshly signed-up tenant, so tables that reference {@code tenant}
   * work. Override if your rows need more setup per tenant.
   */
  protected TenantId newTenant(TenancyDatabase database) {
    return TestTenancy.newTenant(database);
  }

  /** The running database, for subclasses that add their own checks. */
  protected final TenancyDatabase database() {
    return database;
  }

  @BeforeAll
  final void startDatabase(TestDatabase db) {
    assertThat(IDENTIFIER.matcher(table()).matches()).as("table() is a plain lower-case identifier").isTrue();
    assertThat(IDENTIFIER.matcher(idColumn()).matches()).as("idColumn() is a plain lower-case identifier").isTrue();
    this.db = db;
    this.database = TestTenancy.start(db, modules());
  }

  @AfterAll
  final void stopDatabase() {
    if (database != null) {
      long leaks = database.tenantLeaksOnRelease();
      database.close();
      assertThat(leaks).as("connections returned to the pool still carrying a tenant").isZero();
    }
  }

  @BeforeEach
  final void twoTenants() {
    a = newTenant(database);
    b = newTenant(database);
  }

  private Transactions tx() {
    return database.transactions();
  }

  private Object create(TenantId tenant) {
    return tx().inTenant(tenant, session -> createRow(session, tenant));
  }

  @Test
  void a_tenant_sees_its_own_row() {
    Object id = create(a);
    assertThat(findById(a, id)).isTrue();
    assertThat(countRows(a)).isPositive();
  }

  @Test
  void find_does_not_return_another_tenants_row() {
    Object id = create(a);
    assertThat(findById(b, id)).isFalse();
  }

  @Test
  void hibernate_queries_do_not_return_another_tenants_rows() {
    long before = countRows(b);
    create(a);
    create(a);
    assertThat(countRows(b)).isEqualTo(before);
  }

  @Test
  void native_queries_do_not_return_another_tenants_rows() {
    create(a);
    String sql = "select count(*) from " + table() + " where tenant_id = :other";
    long seenByB =
        tx().inTenant(
            b,
            session -> session.createNativeQuery(sql, Long.class).setParameter("other", a.value()).getSingleResult());
    long seenByA =
        tx().inTenant(
            a,
            session -> session.createNativeQuery(sql, Long.class).setParameter("other", a.value()).getSingleResult());
    assertThat(seenByB).isZero();
    assertThat(seenByA).isPositive();
  }

  @Test
  void raw_jdbc_as_the_app_role_does_not_return_another_tenants_rows() {
    create(a);
    assertThat(countJdbc(b, "where tenant_id = '" + a.value() + "'")).isZero();
    assertThat(countJdbc(b, "where tenant_id <> '" + b.value() + "'")).isZero();
    assertThat(countJdbc(a, "where tenant_id = '" + a.value() + "'")).isPositive();
  }

  @Test
  void without_a_tenant_no_rows_are_visible() throws SQLException {
    create(a);
    create(b);
    try (Connection owner = db.connect(); Statement s = owner.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from " + table())) {
      rs.next();
      assertThat(rs.getLong(1)).as("rows exist (seen by the superuser)").isGreaterThanOrEqualTo(2);
    }
    try (Connection app = database.appDataSource().getConnection()) {
      try (Statement s = app.createStatement(); ResultSet rs = s.executeQuery("select count(*) from " + table())) {
        rs.next();
        assertThat(rs.getLong(1)).isZero();
      }
      app.rollback();
    }
  }

  @Test
  void inserting_a_row_for_another_tenant_is_refused() {
    create(a);
    String rowOfA =
        tx().inTenantJdbc(
            a,
            c -> {
              try (PreparedStatement s = c.prepareStatement("select to_jsonb(t)::text from " + table() + " t where tenant_id = ? limit 1")) {
                s.setObject(1, a.value());
                try (ResultSet rs = s.executeQuery()) {
                  rs.next();
                  return rs.getString(1);
                }
              }
            });
    assertThatThrownBy(
            () ->
                tx().inTenantJdbc(
                    b,
                    c -> {
                      try (PreparedStatement s =
                          c.prepareStatement("insert into " + table() + " select * from jsonb_populate_record(null::" + table() + ", ?::jsonb)")) {
                        s.setString(1, rowOfA);
                        return s.executeUpdate();
                      }
                    }))
        .isInstanceOf(ForbiddenException.class)
        .extracting(e -> ((ForbiddenException) e).code())
        .isEqualTo("persistence.tenant_isolation");
  }

  @Test
  void moving_a_row_to_another_tenant_is_refused() {
    create(a);
    long before = countJdbc(a, "");
    assertThatThrownBy(
            () ->
                tx().inTenantJdbc(
                    a,
                    c -> {
                      try (PreparedStatement s = c.prepareStatement("update " + table() + " set tenant_id = ?")) {
                        s.setObject(1, b.value());
                        return s.executeUpdate();
                      }
                    }))
        .isInstanceOf(ForbiddenException.class);
    assertThat(countJdbc(a, "")).isEqualTo(before);
  }

  @Test
  void updating_or_deleting_another_tenants_rows_touches_nothing() {
    create(a);
    long before = countJdbc(a, "");
    int touched =
        tx().inTenantJdbc(
            b,
            c -> {
              int n = 0;
              try (PreparedStatement s = c.prepareStatement("update " + table() + " set tenant_id = tenant_id where tenant_id = ?")) {
                s.setObject(1, a.value());
                n += s.executeUpdate();
              }
              try (PreparedStatement s = c.prepareStatement("delete from " + table() + " where tenant_id = ?")) {
                s.setObject(1, a.value());
                n += s.executeUpdate();
              }
              return n;
            });
    assertThat(touched).isZero();
    assertThat(countJdbc(a, "")).isEqualTo(before);
  }

  @Test
  void no_pooled_connection_keeps_a_tenant_after_work() throws SQLException {
    for (int i = 0; i < database.poolSize() * 2; i++) {
      create(i % 2 == 0 ? a : b);
      countRows(b);
    }
    List<Connection> borrowed = new ArrayList<>();
    try {
      for (int i = 0; i < database.poolSize(); i++) {
        borrowed.add(database.appDataSource().getConnection());
      }
      for (Connection c : borrowed) {
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery(
                "select coalesce(current_setting('bizo.tenant_id', true), ''), coalesce(current_setting('bizo.system_scope', true), '')")) {
          rs.next();
          assertThat(rs.getString(1)).as("bizo.tenant_id on a pooled connection").isEmpty();
          assertThat(rs.getString(2)).as("bizo.system_scope on a pooled connection").isEmpty();
        }
      }
    } finally {
      for (Connection c : borrowed) {
        c.rollback();
        c.close();
      }
    }
    assertThat(database.tenantLeaksOnRelease()).isZero();
  }

  /** Whether {@code tenant} finds the row {@code id}: through {@code find()} if an entity is mapped, else SQL. */
  private boolean findById(TenantId tenant, Object id) {
    Optional<Class<E>> entity = entityClass();
    if (entity.isPresent()) {
      return tx().inTenant(tenant, session -> session.find(entity.get(), id) != null);
    }
    return tx().inTenantJdbc(
        tenant,
        c -> {
          try (PreparedStatement s = c.prepareStatement("select 1 from " + table() + " where " + idColumn() + " = ?")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
              return rs.next();
            }
          }
        });
  }

  /** The rows {@code tenant} sees: through HQL if an entity is mapped, else SQL. */
  private long countRows(TenantId tenant) {
    Optional<Class<E>> entity = entityClass();
    if (entity.isEmpty()) {
      return countJdbc(tenant, "");
    }
    return tx().inTenant(
        tenant,
        session -> {
          String entityName = session.getMetamodel().entity(entity.get()).getName();
          return session.createSelectionQuery("select count(*) from " + entityName, Long.class).getSingleResult();
        });
  }

  private long countJdbc(TenantId tenant, String where) {
    return tx().inTenantJdbc(
        tenant,
        c -> {
          try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from " + table() + " " + where)) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }
}
