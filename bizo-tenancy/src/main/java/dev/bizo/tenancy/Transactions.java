package dev.bizo.tenancy;

import dev.bizo.core.BizoException;
import dev.bizo.core.ConflictException;
import dev.bizo.core.ForbiddenException;
import dev.bizo.core.Ids;
import dev.bizo.core.RetriableException;
import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.tenancy.internal.AppRole;
import dev.bizo.tenancy.internal.ContextTenantIdentifierResolver;
import dev.bizo.tenancy.internal.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Objects;
import javax.sql.DataSource;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only way Bizo code reads or writes tenant data: every call is one database transaction, scoped
 * either to one tenant or to the audited, read-only system scope.
 *
 * <p>What each call does, in order:
 * <ol>
 *   <li>borrows a pooled connection (as the application role, which row-level security binds) and
 *       begins a transaction;</li>
 *   <li>runs {@code SELECT set_config('bizo.tenant_id', ?, true)}: the tenant is set for this
 *       transaction only, so it can never survive into the next borrower of the connection;</li>
 *   <li>binds the tenant in {@link TenantContext} for the calling thread, so Hibernate's {@code @TenantId}
 *       fills and filters the tenant column;</li>
 *   <li>runs your work, commits, and returns its result. If the work throws anything, the transaction
 *       is rolled back: nothing is half-written.</li>
 * </ol>
 *
 * <pre>{@code
 * Lead lead = tx.inTenant(tenant, session -> {
 *   Lead l = new Lead("Ada");
 *   session.persist(l);          // tenant_id filled from the scope
 *   return l;
 * });
 * long n = tx.inTenantJdbc(tenant, c -> { ... plain JDBC, same guarantees ... });
 * List<Tenant> all = tx.asSystem("platform admin: list tenants", s -> ...);   // read-only, audited
 * }</pre>
 *
 * <p><b>Errors.</b> Database failures are translated: serialization failures (40001) and deadlocks
 * (40P01) become {@link RetriableException} {@code persistence.retry} (run the whole call again);
 * lost connections become {@link RetriableException} {@code persistence.unavailable}; unique violations
 * become {@link ConflictException} {@code persistence.unique_violation}; a row-level-security refusal
 * (writing a row of another tenant) becomes {@link ForbiddenException} {@code persistence.tenant_isolation};
 * a write to an append-only table becomes {@link ForbiddenException} {@code persistence.append_only}.
 * {@link BizoException}s thrown by the work pass through unchanged. Other runtime exceptions thrown by
 * the work are rethrown as they are, after the rollback.
 *
 * <p><b>Nesting.</b> Calls do not join an enclosing call: a call inside another opens a second
 * transaction on a second connection. Pass the {@link Session} or {@link Connection} down instead.
 *
 * <p><b>Two forms, one protocol.</b> Each call comes as a Hibernate {@link Session} form ({@link #inTenant},
 * {@link #asSystem}) and a plain JDBC form ({@link #inTenantJdbc}, {@link #asSystemJdbc}); both borrow, scope,
 * commit and translate errors the same way. The public API shows Hibernate's {@code Session} on purpose:
 * Hibernate ORM is the SDK's mapping layer, and wrapping it would mean re-exporting its API under other names.
 * Code without entities (hot paths, SQL-first modules, most of an embedder's reads) uses the JDBC forms and
 * never needs Hibernate types. Calls that take a {@code Session} or {@code Connection} (e.g.
 * {@link AuditLog#append(Session, String, String, String, String)}) exist so that the caller's own change and
 * the SDK's row commit or roll back together.
 *
 * <p>Instances are thread-safe; get one from {@link TenancyDatabase#transactions()}.
 */
public final class Transactions {

  private static final Logger SYSTEM_LOG = LoggerFactory.getLogger("dev.bizo.tenancy.system-scope");

  /** Work on a Hibernate session inside one transaction. */
  @FunctionalInterface
  public interface SessionWork<T> {
    /** Runs inside the transaction; the session must not be used after this returns. */
    T apply(Session session);
  }

  /** Work on a plain JDBC connection inside one transaction. */
  @FunctionalInterface
  public interface JdbcWork<T> {
    /**
     * Runs inside the transaction. Do not commit, roll back, change auto-commit or close the
     * connection: the caller does.
     */
    T apply(Connection connection) throws SQLException;
  }

  private final SessionFactory sessionFactory;
  private final DataSource dataSource;
  private final Clock clock;

  Transactions(SessionFactory sessionFactory, DataSource dataSource, Clock clock) {
    this.sessionFactory = Objects.requireNonNull(sessionFactory, "sessionFactory");
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Runs {@code work} in one transaction on a Hibernate session scoped to {@code tenant}. */
  public <T> T inTenant(TenantId tenant, SessionWork<T> work) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(work, "work");
    return TenantContext.call(tenant, () -> inSession(tenant.value(), tenant.value().toString(), false, work));
  }

  /**
   * Like {@link #inTenant(TenantId, SessionWork)} for the tenant bound in {@link TenantContext}.
   *
   * @throws ForbiddenException {@code tenancy.no_tenant} when no tenant is bound
   */
  public <T> T inCurrentTenant(SessionWork<T> work) {
    return inTenant(TenantContext.require(), work);
  }

  /** Runs {@code work} in one transaction on a plain JDBC connection scoped to {@code tenant}. */
  public <T> T inTenantJdbc(TenantId tenant, JdbcWork<T> work) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(work, "work");
    return TenantContext.call(tenant, () -> inConnection(tenant.value().toString(), false, work));
  }

  /**
   * Runs {@code work} in the system scope: one <em>read-only</em> transaction that may read the rows of
   * every tenant, e.g. to resolve a tenant by its slug or to list tenants for a platform administrator.
   *
   * <p>The scope is never implied by a missing tenant: without a tenant, row-level security shows no
   * rows at all. Each call first commits a row to {@code platform_audit} with {@code reason} (so the
   * record exists even if the work fails) and logs it under {@code dev.bizo.tenancy.system-scope}.
   *
   * <p>The scope cannot write tenant data: writes always happen inside a tenant's own scope, e.g.
   * signup writes the new tenant's rows in {@link #inTenant} of the freshly generated tenant id.
   *
   * @param reason why the system needs to see across tenants; recorded verbatim, 3–200 characters
   */
  public <T> T asSystem(String reason, SessionWork<T> work) {
    Objects.requireNonNull(work, "work");
    recordSystemScope(reason);
    return inSession(ContextTenantIdentifierResolver.ROOT, null, true, work);
  }

  /** The JDBC form of {@link #asSystem(String, SessionWork)}: read-only, audited. */
  public <T> T asSystemJdbc(String reason, JdbcWork<T> work) {
    Objects.requireNonNull(work, "work");
    recordSystemScope(reason);
    return inConnection(null, true, work);
  }

  private <T> T inSession(Object hibernateTenant, String databaseTenant, boolean system, SessionWork<T> work) {
    Transaction transaction = null;
    try (Session session = sessionFactory.withOptions().tenantIdentifier(hibernateTenant).openSession()) {
      session.setDefaultReadOnly(system);
      transaction = session.beginTransaction();
      session.doWork(connection -> prepare(connection, databaseTenant, system));
      T result = work.apply(session);
      transaction.commit();
      return result;
    } catch (RuntimeException e) {
      rollbackQuietly(transaction, e);
      throw SqlErrors.translate(e);
    }
  }

  private <T> T inConnection(String databaseTenant, boolean system, JdbcWork<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      if (autoCommit) {
        connection.setAutoCommit(false);
      }
      try {
        prepare(connection, databaseTenant, system);
        T result = work.apply(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        try {
          connection.rollback();
        } catch (SQLException rollbackFailure) {
          e.addSuppressed(rollbackFailure);
        }
        throw e;
      } finally {
        if (autoCommit) {
          connection.setAutoCommit(true);
        }
      }
    } catch (SQLException e) {
      throw SqlErrors.translate(e);
    } catch (RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  private static void prepare(Connection connection, String databaseTenant, boolean system) throws SQLException {
    if (system) {
      try (Statement s = connection.createStatement()) {
        s.execute("set transaction read only");
        s.execute("set local role " + AppRole.SYSTEM_SCOPE_ROLE);
        s.execute("select set_config('bizo.system_scope', 'on', true)");
      }
    } else {
      try (PreparedStatement s = connection.prepareStatement("select set_config('bizo.tenant_id', ?, true)")) {
        s.setString(1, databaseTenant);
        s.execute();
      }
    }
  }

  private void recordSystemScope(String reason) {
    Objects.requireNonNull(reason, "reason");
    String trimmed = reason.strip();
    if (trimmed.length() < 3 || trimmed.length() > 200) {
      throw ValidationException.ofField("reason", "length", "A system scope needs a reason of 3 to 200 characters");
    }
    SYSTEM_LOG.info("System scope opened: {}", trimmed);
    inConnection(
        null,
        false,
        connection -> {
          try (PreparedStatement s =
              connection.prepareStatement("insert into platform_audit (id, occurred_at, reason) values (?, ?, ?)")) {
            s.setObject(1, Ids.newUuid());
            s.setTimestamp(2, Timestamp.from(clock.instant()));
            s.setString(3, trimmed);
            s.executeUpdate();
          }
          return null;
        });
  }

  private static void rollbackQuietly(Transaction transaction, RuntimeException cause) {
    if (transaction == null) {
      return;
    }
    try {
      if (transaction.isActive()) {
        transaction.rollback();
      }
    } catch (RuntimeException rollbackFailure) {
      cause.addSuppressed(rollbackFailure);
    }
  }
}
