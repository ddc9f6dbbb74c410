package dev.bizo.core.events;

import dev.bizo.core.RetriableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Objects;

/**
 * The transactional outbox: {@link #append} writes an event with the caller's own JDBC connection,
 * inside the caller's transaction. A rolled-back change therefore leaves no event, and a committed one
 * always has its event, even if the process dies right after the commit. Delivery (webhooks, live
 * streams) reads the table afterwards, at least once.
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

  private static final String INSERT =
      "insert into bizo_outbox (id, tenant_id, event_type, aggregate_type, aggregate_id, payload, occurred_at)"
          + " values (?, ?, ?, ?, ?, cast(? as jsonb), ?)";

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
        insert.setObject(1, event.id());
        insert.setObject(2, event.tenant().value());
        insert.setString(3, event.type());
        insert.setString(4, event.aggregateType());
        insert.setString(5, event.aggregateId());
        insert.setString(6, event.payload());
        insert.setTimestamp(7, Timestamp.from(event.occurredAt()));
        insert.executeUpdate();
      }
    } catch (SQLException e) {
      throw new RetriableException("outbox.write_failed", "Could not write event " + event.type() + ": " + e.getMessage(), e);
    }
  }
}
