package dev.bizo.core.events;

import dev.bizo.core.RetriableException;
import dev.bizo.core.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The transactional outbox: {@link #append} writes an event with the caller's own JDBC connection,
 * inside the caller's transaction. A rolled-back change therefore leaves no event, and a committed one
 * always has its event, even if the process dies right after the commit. Delivery (webhooks, live
 * streams) reads the table afterwards, at least once; {@link #readSince} is the read for a tail.
 *
 * <p>The table {@code bizo_outbox} is created by the migration in {@code classpath:db/migration/core}
 * and is under the same row-level security as every tenant table, so the connection must be inside a
 * transaction scoped to the event's tenant.
 */
public final class Outbox {

  /** The Flyway location of the outbox table's migrations. */
  public static final String MIGRATION_LOCATION = "classpath:db/migration/core";

  /**
   * The PostgreSQL {@code LISTEN/NOTIFY} channel on which every appended event is announced when its
   * transaction commits (a trigger on {@code bizo_outbox}). The payload is the event's tenant id, nothing
   * else; one transaction's events of one tenant are announced once. A wake-up for delivery: readers still
   * poll, since a listener that was disconnected misses notifications.
   */
  public static final String NOTIFY_CHANNEL = "bizo_outbox";

  /** The outbox table and the columns an event fills, in the order {@link #bind} sets them. */
  public static final String TABLE_AND_COLUMNS =
      "bizo_outbox (id, tenant_id, event_type, aggregate_type, aggregate_id, payload, occurred_at)";

  /** How many parameters {@link #bind} sets for one event. */
  public static final int PARAMETERS = 7;

  private static final Pattern SQL_NAME = Pattern.compile("[a-z_][a-z0-9_]*");

  private static final String INSERT = "insert into " + TABLE_AND_COLUMNS + " values (?, ?, ?, ?, ?, cast(? as jsonb), ?)";

  private static final String READ_SINCE =
      "select id, event_type, aggregate_type, aggregate_id, payload::text, occurred_at, recorded_at from bizo_outbox"
          + " where tenant_id = ? and recorded_at > ? order by recorded_at, id limit ?";

  private Outbox() {}

  /**
   * Appends an event in the connection's current transaction.
   *
   * @throws IllegalStateException if the connection is in auto-commit mode (the event would not be
   *     atomic with the change)
   * @throws RetriableException if the database refuses the write
   */
  public static void append(Connection connection, DomainEvent event) {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(event, "event");
    try {
      if (connection.getAutoCommit()) {
        throw new IllegalStateException("Outbox.append needs the transaction of the change it records");
      }
      try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
        bind(insert, 1, event);
        insert.executeUpdate();
      }
    } catch (SQLException e) {
      throw new RetriableException("outbox.write_failed", "Could not write event " + event.type() + ": " + e.getMessage(), e);
    }
  }

  /**
   * A {@code select} yielding one event's row once for every row of {@code source}, for a caller that writes
   * its change and its events in one statement (one round trip), e.g.
   * {@code with lead as (insert ... returning id) insert into <TABLE_AND_COLUMNS> <selectFor("lead")>}: the
   * event is written exactly when the change wrote a row, and atomically with it as the statement is.
   * Several events: join their selects with {@code union all}. Bind each one's parameters with {@link #bind}.
   *
   * @param source a relation of zero or one row visible to the statement, such as a CTE name
   */
  public static String selectFor(String source) {
    if (source == null || !SQL_NAME.matcher(source).matches()) {
      throw new IllegalArgumentException("source must be a plain SQL name: " + source);
    }
    return "select ?::uuid, ?::uuid, ?, ?, ?, cast(? as jsonb), ?::timestamptz from " + source;
  }

  /**
   * Sets an event's {@value #PARAMETERS} parameters, from {@code at}, for {@link #selectFor} or the insert
   * {@link #append} runs.
   *
   * @return the index of the next parameter
   */
  public static int bind(PreparedStatement statement, int at, DomainEvent event) throws SQLException {
    statement.setObject(at, event.id());
    statement.setObject(at + 1, event.tenant().value());
    statement.setString(at + 2, event.type());
    statement.setString(at + 3, event.aggregateType());
    statement.setString(at + 4, event.aggregateId());
    statement.setString(at + 5, event.payload());
    statement.setTimestamp(at + 6, Timestamp.from(event.occurredAt()));
    return at + PARAMETERS;
  }

  /**
   * One tenant's events recorded after {@code after}, oldest first by (recorded_at, id), at most {@code limit}:
   * the read of a tail that remembers the last {@link RecordedEvent#recordedAt()} it saw. Recorded times are the
   * database's at insert, so a transaction that commits late may record an event before one already read; a tail
   * that must not miss it reads again from a little before its position and skips ids it has seen.
   *
   * @param connection a connection in a transaction scoped to {@code tenant} (row-level security applies too)
   * @param tenant the tenant
   * @param after the exclusive lower bound on {@code recorded_at}
   * @param limit the most events to return, at least 1
   * @return the events
   * @throws RetriableException {@code outbox.read_failed} if the database refuses the read
   */
  public static List<RecordedEvent> readSince(Connection connection, TenantId tenant, Instant after, int limit) {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(after, "after");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    List<RecordedEvent> events = new ArrayList<>();
    try (PreparedStatement s = connection.prepareStatement(READ_SINCE)) {
      s.setObject(1, tenant.value());
      s.setTimestamp(2, Timestamp.from(after));
      s.setInt(3, limit);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          DomainEvent event = new DomainEvent(r.getObject(1, UUID.class), tenant, r.getString(2), r.getString(3),
              r.getString(4), r.getString(5), r.getTimestamp(6).toInstant());
          events.add(new RecordedEvent(event, r.getTimestamp(7).toInstant()));
        }
      }
    } catch (SQLException e) {
      throw new RetriableException("outbox.read_failed", "Could not read the outbox of tenant " + tenant + ": " + e.getMessage(), e);
    }
    return events;
  }
}
