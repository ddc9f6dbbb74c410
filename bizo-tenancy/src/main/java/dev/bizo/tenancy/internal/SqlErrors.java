package dev.bizo.tenancy.internal;

import dev.bizo.core.BizoException;
import dev.bizo.core.ConflictException;
import dev.bizo.core.ForbiddenException;
import dev.bizo.core.NonRetriableException;
import dev.bizo.core.RetriableException;
import java.sql.SQLException;
import java.util.Objects;

/** Maps database failures to Bizo's stable error codes, so callers never parse SQL states. */
public final class SqlErrors {

  /** Raised by {@code bizo_forbid_change()} on append-only tables. */
  public static final String APPEND_ONLY_STATE = "BZ001";

  private SqlErrors() {}

  /** Translates {@code e}; Bizo exceptions and failures without a database cause come back unchanged. */
  public static RuntimeException translate(Throwable e) {
    if (e instanceof BizoException bizo) {
      return bizo;
    }
    SQLException sql = findSqlException(e);
    if (sql == null) {
      if (e instanceof RuntimeException runtime && !isPersistenceFailure(runtime)) {
        return runtime;
      }
      return new NonRetriableException("persistence.failed", "Persistence failed: " + e.getMessage(), e);
    }
    String state = Objects.toString(sql.getSQLState(), "");
    String detail = sql.getMessage();
    if (state.equals("40001") || state.equals("40P01")) {
      return new RetriableException("persistence.retry", "Transaction conflicted with another; run it again: " + detail, e);
    }
    if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03") || state.equals("53300")) {
      return new RetriableException("persistence.unavailable", "Database unavailable: " + detail, e);
    }
    if (state.equals("23505")) {
      return withCause(new ConflictException("persistence.unique_violation", "Already exists: " + detail), e);
    }
    if (state.equals("42501")) {
      return withCause(
          new ForbiddenException(
              "persistence.tenant_isolation", "The database refused the operation (row-level security or privileges): " + detail),
          e);
    }
    if (state.equals(APPEND_ONLY_STATE)) {
      return withCause(new ForbiddenException("persistence.append_only", detail), e);
    }
    if (state.equals("23503")) {
      return withCause(new ConflictException("persistence.reference_violation", "Referenced row missing or still referenced: " + detail), e);
    }
    return new NonRetriableException("persistence.failed", "Persistence failed [" + state + "]: " + detail, e);
  }

  private static boolean isPersistenceFailure(RuntimeException e) {
    return e instanceof org.hibernate.HibernateException || e instanceof jakarta.persistence.PersistenceException;
  }

  private static SQLException findSqlException(Throwable e) {
    Throwable current = e;
    int depth = 0;
    while (current != null && depth++ < 20) {
      if (current instanceof SQLException sql) {
        // the driver chains the server error as next exception in batches
        SQLException next = sql.getNextException();
        return next != null && next.getSQLState() != null ? next : sql;
      }
      current = current.getCause();
    }
    return null;
  }

  private static <E extends BizoException> E withCause(E error, Throwable cause) {
    error.addSuppressed(cause); // core constructors fix the cause to null
    return error;
  }
}
