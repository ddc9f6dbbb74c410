package dev.bizo.payments.internal.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Several writes sent to PostgreSQL as one statement of data-modifying CTEs, so they cost one round trip
 * instead of one each, and are all or nothing as any statement is. The parts after the first are gated on the
 * rows of an earlier one ({@code ... from changed} or {@code ... where exists (select 1 from changed)}): when
 * the payment's row was not written (a stale version, an idempotency key already claimed), nothing else is.
 *
 * <p>Why one statement: a payment's save used to send its row, each transaction, each history row and each
 * outbox event as statements of their own, each a round trip waiting on the database (issue #21).
 */
public final class WriteStatement {

  /** The name of the part whose rows gate the payment's children: the payment row as inserted or updated. */
  public static final String CHANGED = "changed";

  private static final Pattern SQL_NAME = Pattern.compile("[a-z_][a-z0-9_]*");

  /** Sets a part's parameters from {@code at} and returns the index of the next parameter. */
  @FunctionalInterface
  public interface Binder {
    int bind(PreparedStatement statement, int at) throws SQLException;
  }

  /**
   * One data-modifying statement ({@code insert}, {@code update}) of the whole, and what sets its parameters.
   *
   * @param sql the statement, without a trailing semicolon; may read earlier parts by their names
   * @param binder sets its parameters
   */
  public record Part(String sql, Binder binder) {
    public Part {
      Objects.requireNonNull(sql, "sql");
      Objects.requireNonNull(binder, "binder");
    }
  }

  private final List<String> names = new ArrayList<>();
  private final List<Part> parts = new ArrayList<>();

  /** Adds {@code part} under {@code name}; later parts may read its {@code returning} rows by that name. */
  public WriteStatement add(String name, Part part) {
    if (!SQL_NAME.matcher(name).matches() || names.contains(name)) {
      throw new IllegalArgumentException("A part needs a new plain SQL name: " + name);
    }
    names.add(name);
    parts.add(Objects.requireNonNull(part, "part"));
    return this;
  }

  /** Adds {@code part} under a generated name, for a part nothing reads. */
  public WriteStatement add(Part part) {
    return add("w" + parts.size(), part);
  }

  /**
   * Runs every part in one statement.
   *
   * @param counted the name of the part whose rows to count
   * @return how many rows that part wrote
   */
  public int execute(Connection c, String counted) throws SQLException {
    if (!names.contains(counted)) {
      throw new IllegalArgumentException("No part named " + counted);
    }
    StringBuilder sql = new StringBuilder("with ");
    for (int i = 0; i < parts.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(names.get(i)).append(" as (").append(parts.get(i).sql()).append(')');
    }
    sql.append(" select count(*) from ").append(counted);
    try (PreparedStatement s = c.prepareStatement(sql.toString())) {
      int at = 1;
      for (Part part : parts) {
        at = part.binder().bind(s, at);
      }
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
