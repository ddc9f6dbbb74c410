package dev.bizo.webhooks.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bizo.core.Ids;
import dev.bizo.core.TenantId;
import dev.bizo.webhooks.AttemptResponse;
import dev.bizo.webhooks.DeliveryAttempt;
import dev.bizo.webhooks.DeliveryBacklog;
import dev.bizo.webhooks.DeliveryPolicy;
import dev.bizo.webhooks.DeliveryState;
import dev.bizo.webhooks.WebhookDeliveryId;
import dev.bizo.webhooks.WebhookDeliveryRecord;
import dev.bizo.webhooks.WebhookEndpointId;
import dev.bizo.webhooks.WebhookEndpointInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;

/**
 * The SQL behind webhook endpoints and outbox-driven delivery; every method runs on a connection already
 * scoped to one tenant, so row-level security applies as well as the explicit tenant filter.
 */
public final class WebhookTables {

  /**
   * How long an event's transaction may stay open and still be fanned out: events recorded more than this
   * before a scan that found everything are considered settled and are not scanned again.
   */
  public static final Duration SETTLE_MARGIN = Duration.ofHours(1);

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A stored endpoint row. */
  public record EndpointRow(
      UUID id, URI url, Set<String> eventTypes, Optional<String> headerName, boolean enabled,
      Optional<String> disabledReason, Instant createdAt) {

    /**
     * The public view.
     *
     * @return the info
     */
    public WebhookEndpointInfo info() {
      return new WebhookEndpointInfo(new WebhookEndpointId(id), url, eventTypes, headerName, enabled,
          disabledReason, createdAt);
    }
  }

  /** A delivery claimed for one attempt. */
  public record Claimed(UUID id, UUID endpointId, UUID eventId, String eventType, String body, int attemptCount,
      Instant createdAt, UUID leaseToken) {}

  private WebhookTables() {}

  /** Inserts an endpoint. */
  public static void insertEndpoint(Connection c, TenantId tenant, UUID id, URI url, Set<String> types,
      Optional<String> headerName, Instant createdAt) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "insert into agents_webhook_endpoint (id, tenant_id, url, event_types, header_name, enabled, created_at)"
            + " values (?, ?, ?, ?, ?, true, ?)")) {
      s.setObject(1, id);
      s.setObject(2, tenant.value());
      s.setString(3, url.toString());
      s.setArray(4, c.createArrayOf("text", types.stream().sorted().toArray()));
      s.setString(5, headerName.orElse(null));
      s.setTimestamp(6, Timestamp.from(createdAt));
      s.executeUpdate();
    }
  }

  /** The tenant's endpoints, oldest first. */
  public static List<EndpointRow> endpoints(Connection c, TenantId tenant) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "select id, url, event_types, header_name, enabled, disabled_reason, created_at"
            + " from agents_webhook_endpoint where tenant_id = ? order by created_at, id")) {
      s.setObject(1, tenant.value());
      return endpointRows(s);
    }
  }

  /** One endpoint. */
  public static Optional<EndpointRow> endpoint(Connection c, TenantId tenant, UUID id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "select id, url, event_types, header_name, enabled, disabled_reason, created_at"
            + " from agents_webhook_endpoint where tenant_id = ? and id = ?")) {
      s.setObject(1, tenant.value());
      s.setObject(2, id);
      return endpointRows(s).stream().findFirst();
    }
  }

  private static List<EndpointRow> endpointRows(PreparedStatement s) throws SQLException {
    List<EndpointRow> rows = new ArrayList<>();
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        Array types = r.getArray(3);
        rows.add(new EndpointRow(r.getObject(1, UUID.class), URI.create(r.getString(2)),
            Set.copyOf(Arrays.asList((String[]) types.getArray())), Optional.ofNullable(r.getString(4)),
            r.getBoolean(5), Optional.ofNullable(r.getString(6)), r.getTimestamp(7).toInstant()));
      }
    }
    return rows;
  }

  /**
   * Enables or disables an endpoint. Enabling subscribes it afresh from now: events recorded while it was
   * disabled are not delivered.
   *
   * @return whether the endpoint exists
   */
  public static boolean setEnabled(Connection c, TenantId tenant, UUID id, boolean enabled, String reason)
      throws SQLException {
    String sql = enabled
        ? "update agents_webhook_endpoint set enabled = true, disabled_reason = null, subscribed_from = now(),"
            + " caught_up_to = null where tenant_id = ? and id = ?"
        : "update agents_webhook_endpoint set enabled = false, disabled_reason = ? where tenant_id = ? and id = ?";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      int i = 1;
      if (!enabled) {
        s.setString(i++, reason);
      }
      s.setObject(i++, tenant.value());
      s.setObject(i, id);
      return s.executeUpdate() == 1;
    }
  }

  /** Deletes an endpoint with its deliveries and attempts; returns whether it existed. */
  public static boolean deleteEndpoint(Connection c, TenantId tenant, UUID id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "delete from agents_webhook_endpoint where tenant_id = ? and id = ?")) {
      s.setObject(1, tenant.value());
      s.setObject(2, id);
      return s.executeUpdate() == 1;
    }
  }

  /**
   * Creates deliveries for outbox events that enabled endpoints subscribe to and do not have yet. Replicas
   * may run this at once: the unique (endpoint, event) key lets exactly one of them create each delivery.
   *
   * @return how many deliveries were created
   */
  public static int fanOut(Connection c, TenantId tenant, int limit, Instant now) throws SQLException {
    record Pending(UUID endpointId, UUID eventId, String type, String body) {}
    List<Pending> pending = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(
        "select e.id, o.id, o.event_type, o.payload::text, o.occurred_at"
            + " from agents_webhook_endpoint e"
            + " join bizo_outbox o on o.tenant_id = e.tenant_id"
            + "  and o.recorded_at >= greatest(e.subscribed_from, e.caught_up_to)"
            + "  and (cardinality(e.event_types) = 0 or o.event_type = any(e.event_types))"
            + " where e.tenant_id = ? and e.enabled"
            + "  and not exists (select 1 from agents_webhook_delivery d where d.endpoint_id = e.id and d.event_id = o.id)"
            + " order by o.recorded_at, o.id, e.id limit ?")) {
      s.setObject(1, tenant.value());
      s.setInt(2, limit);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          pending.add(new Pending(r.getObject(1, UUID.class), r.getObject(2, UUID.class), r.getString(3),
              body(r.getString(3), r.getTimestamp(5).toInstant(), r.getString(4))));
        }
      }
    }
    int created = 0;
    if (!pending.isEmpty()) {
      try (PreparedStatement s = c.prepareStatement(
          "insert into agents_webhook_delivery (id, tenant_id, endpoint_id, event_id, event_type, body, status,"
              + " attempt_count, next_attempt_at, created_at, updated_at)"
              + " values (?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?) on conflict (endpoint_id, event_id) do nothing")) {
        Timestamp at = Timestamp.from(now);
        for (Pending p : pending) {
          s.setObject(1, Ids.newUuid());
          s.setObject(2, tenant.value());
          s.setObject(3, p.endpointId());
          s.setObject(4, p.eventId());
          s.setString(5, p.type());
          s.setString(6, p.body());
          s.setTimestamp(7, at);
          s.setTimestamp(8, at);
          s.setTimestamp(9, at);
          created += s.executeUpdate();
        }
      }
    }
    if (pending.size() < limit) {
      try (PreparedStatement s = c.prepareStatement(
          "update agents_webhook_endpoint set caught_up_to ="
              + " greatest(subscribed_from, caught_up_to, now() - make_interval(secs => ?))"
              + " where tenant_id = ? and enabled")) {
        s.setLong(1, SETTLE_MARGIN.toSeconds());
        s.setObject(2, tenant.value());
        s.executeUpdate();
      }
    }
    return created;
  }

  /** The Standard Webhooks body: {@code {"type", "timestamp", "data"}}. */
  private static String body(String type, Instant occurredAt, String payload) {
    try {
      ObjectNode body = JSON.createObjectNode();
      body.put("type", type);
      body.put("timestamp", occurredAt.truncatedTo(ChronoUnit.MILLIS).toString());
      body.set("data", JSON.readTree(payload));
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException("outbox payload is not JSON", e);
    }
  }

  /**
   * Claims the next due delivery: the row is locked with {@code SKIP LOCKED}, so a replica never waits on
   * or takes a row another has claimed, and its next attempt is pushed to the end of the lease, so once this
   * transaction commits no other replica sees it as due while the attempt is under way.
   */
  public static Optional<Claimed> claimDue(Connection c, TenantId tenant, Instant now, Instant leaseUntil)
      throws SQLException {
    UUID token = UUID.randomUUID();
    try (PreparedStatement s = c.prepareStatement(
        "update agents_webhook_delivery d set next_attempt_at = ?, lease_token = ?, updated_at = ?"
            + " where d.id = (select id from agents_webhook_delivery where tenant_id = ? and status = 'PENDING'"
            + "   and next_attempt_at <= ? order by next_attempt_at, id limit 1 for update skip locked)"
            + " returning d.id, d.endpoint_id, d.event_id, d.event_type, d.body, d.attempt_count, d.created_at")) {
      s.setTimestamp(1, Timestamp.from(leaseUntil));
      s.setObject(2, token);
      s.setTimestamp(3, Timestamp.from(now));
      s.setObject(4, tenant.value());
      s.setTimestamp(5, Timestamp.from(now));
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(new Claimed(r.getObject(1, UUID.class), r.getObject(2, UUID.class),
            r.getObject(3, UUID.class), r.getString(4), r.getString(5), r.getInt(6), r.getTimestamp(7).toInstant(),
            token));
      }
    }
  }

  /**
   * Records an attempt and the delivery's new state, if this caller still holds the lease.
   *
   * @return false when the lease was lost (the row changed hands or was deleted); nothing is written then
   */
  public static boolean recordAttempt(Connection c, TenantId tenant, Claimed claimed, Optional<DeliveryAttempt> attempt,
      DeliveryState.Status status, Optional<Instant> next, Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "update agents_webhook_delivery set status = ?, attempt_count = ?, next_attempt_at = ?, lease_token = null,"
            + " updated_at = ? where tenant_id = ? and id = ? and lease_token = ?")) {
      s.setString(1, status.name());
      s.setInt(2, attempt.map(DeliveryAttempt::number).orElse(claimed.attemptCount()));
      s.setTimestamp(3, next.map(Timestamp::from).orElse(null));
      s.setTimestamp(4, Timestamp.from(now));
      s.setObject(5, tenant.value());
      s.setObject(6, claimed.id());
      s.setObject(7, claimed.leaseToken());
      if (s.executeUpdate() != 1) {
        return false;
      }
    }
    if (attempt.isPresent()) {
      DeliveryAttempt a = attempt.get();
      try (PreparedStatement s = c.prepareStatement(
          "insert into agents_webhook_attempt (id, tenant_id, delivery_id, number, attempted_at, http_status, error,"
              + " refused, duration_ms, verdict) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        s.setObject(1, Ids.newUuid());
        s.setObject(2, tenant.value());
        s.setObject(3, claimed.id());
        s.setInt(4, a.number());
        s.setTimestamp(5, Timestamp.from(a.at()));
        if (a.response().status().isPresent()) {
          s.setInt(6, a.response().status().getAsInt());
        } else {
          s.setNull(6, Types.INTEGER);
        }
        s.setString(7, a.response().error().orElse(null));
        s.setBoolean(8, a.response().refused());
        s.setLong(9, a.response().duration().toMillis());
        s.setString(10, a.verdict().name());
        s.executeUpdate();
      }
    }
    return true;
  }

  /** The delivery log of an endpoint, newest first, with every attempt. */
  public static List<WebhookDeliveryRecord> deliveries(Connection c, TenantId tenant, UUID endpointId, int limit)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "select id, endpoint_id, event_id, event_type, status, next_attempt_at, created_at"
            + " from agents_webhook_delivery where tenant_id = ? and endpoint_id = ?"
            + " order by created_at desc, id desc limit ?")) {
      s.setObject(1, tenant.value());
      s.setObject(2, endpointId);
      s.setInt(3, limit);
      return deliveryRows(c, tenant, s);
    }
  }

  /** One delivery with its attempts. */
  public static Optional<WebhookDeliveryRecord> delivery(Connection c, TenantId tenant, UUID id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "select id, endpoint_id, event_id, event_type, status, next_attempt_at, created_at"
            + " from agents_webhook_delivery where tenant_id = ? and id = ?")) {
      s.setObject(1, tenant.value());
      s.setObject(2, id);
      return deliveryRows(c, tenant, s).stream().findFirst();
    }
  }

  private static List<WebhookDeliveryRecord> deliveryRows(Connection c, TenantId tenant, PreparedStatement s)
      throws SQLException {
    record Row(UUID id, UUID endpointId, UUID eventId, String type, String status, Optional<Instant> next,
        Instant created) {}
    List<Row> rows = new ArrayList<>();
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        Timestamp next = r.getTimestamp(6);
        rows.add(new Row(r.getObject(1, UUID.class), r.getObject(2, UUID.class), r.getObject(3, UUID.class),
            r.getString(4), r.getString(5), Optional.ofNullable(next).map(Timestamp::toInstant),
            r.getTimestamp(7).toInstant()));
      }
    }
    Map<UUID, List<DeliveryAttempt>> attempts = new LinkedHashMap<>();
    if (!rows.isEmpty()) {
      try (PreparedStatement a = c.prepareStatement(
          "select delivery_id, number, attempted_at, http_status, error, refused, duration_ms, verdict"
              + " from agents_webhook_attempt where tenant_id = ? and delivery_id = any(?) order by delivery_id, number")) {
        a.setObject(1, tenant.value());
        a.setArray(2, c.createArrayOf("uuid", rows.stream().map(Row::id).toArray()));
        try (ResultSet r = a.executeQuery()) {
          while (r.next()) {
            int status = r.getInt(4);
            OptionalInt httpStatus = r.wasNull() ? OptionalInt.empty() : OptionalInt.of(status);
            AttemptResponse response = new AttemptResponse(httpStatus, Optional.ofNullable(r.getString(5)),
                r.getBoolean(6), Duration.ofMillis(r.getLong(7)));
            attempts.computeIfAbsent(r.getObject(1, UUID.class), k -> new ArrayList<>())
                .add(new DeliveryAttempt(r.getInt(2), r.getTimestamp(3).toInstant(), response,
                    DeliveryPolicy.Verdict.valueOf(r.getString(8))));
          }
        }
      }
    }
    return rows.stream().map(row -> new WebhookDeliveryRecord(new WebhookDeliveryId(row.id()),
        new WebhookEndpointId(row.endpointId()), row.eventId(), row.type(), DeliveryState.Status.valueOf(row.status()),
        attempts.getOrDefault(row.id(), List.of()), row.next(), row.created())).toList();
  }

  /**
   * Makes a delivery due now again, keeping its attempt log. A delivery whose attempt is under way (claimed,
   * lease not yet expired) is left alone: that attempt will be recorded as usual.
   *
   * @return whether it was changed
   */
  public static boolean redeliver(Connection c, TenantId tenant, UUID id, Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "update agents_webhook_delivery set status = 'PENDING', next_attempt_at = ?, lease_token = null,"
            + " updated_at = ? where tenant_id = ? and id = ?"
            + " and (lease_token is null or status <> 'PENDING' or next_attempt_at <= ?)")) {
      s.setTimestamp(1, Timestamp.from(now));
      s.setTimestamp(2, Timestamp.from(now));
      s.setObject(3, tenant.value());
      s.setObject(4, id);
      s.setTimestamp(5, Timestamp.from(now));
      return s.executeUpdate() == 1;
    }
  }

  /**
   * The due deliveries of every tenant the connection may read (all of them in the system scope) and how long
   * the oldest has waited, by the database's clock.
   */
  public static DeliveryBacklog backlog(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "select count(*), coalesce(extract(epoch from (now() - min(next_attempt_at))) * 1000, 0)"
            + " from agents_webhook_delivery where status = 'PENDING' and next_attempt_at <= now()");
        ResultSet r = s.executeQuery()) {
      r.next();
      return new DeliveryBacklog(r.getLong(1), Duration.ofMillis(Math.max(0, r.getLong(2))));
    }
  }
}
