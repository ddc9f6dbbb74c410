package dev.bizo.server.events;

import dev.bizo.core.TenantId;
import dev.bizo.tenancy.Transactions;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.lang.System.Logger.Level;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Live events for {@code GET /events}, per tenant: the tenant's domain events read from the outbox (new
 * leads, payment changes, ...), agent run progress as it happens, and changes of the server's health.
 *
 * <p>Health is every readiness check (database, migrations, Redis, data directory, ...) plus the webhook
 * delivery backlog, evaluated every 5 s whether or not anyone listens: a stream opens with all of them
 * ({@code ready}: {@code {health, checks: [{name, status, data}]}}) and then gets a {@code health} event
 * ({@code {check, from, to, data}}) for each check whose status changes.
 *
 * <p>The outbox is tailed once a second, and only for tenants with a listener, by (recorded_at, id) with a
 * short look-back so that a transaction that committed late is not missed; ids already sent are skipped.
 */
@ApplicationScoped
public class EventHub {

  private static final System.Logger LOG = System.getLogger(EventHub.class.getName());
  private static final Duration LOOK_BACK = Duration.ofSeconds(5);
  private static final int BATCH = 200;
  /** A new stream starts this far back, for events of requests that began just before it. */
  private static final Duration START_TOLERANCE = Duration.ofSeconds(1);

  @Inject Transactions transactions;
  @Inject @Readiness Instance<HealthCheck> readiness;
  @Inject MeterRegistry registry;
  @Inject Clock clock;

  private final Map<TenantId, TenantFeed> feeds = new ConcurrentHashMap<>();
  private final AtomicLong lagMillis = new AtomicLong();
  private final AtomicLong deliveryLagMillis = new AtomicLong();
  private final AtomicLong pendingDeliveries = new AtomicLong();
  private volatile Map<String, JsonObject> checks = Map.of();
  private ScheduledExecutorService ticker;
  private volatile String health = "UNKNOWN";
  private long ticks;

  @PostConstruct
  void start() {
    ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "bizo-events");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    registry.gauge("bizo.outbox.lag.seconds", lagMillis, v -> v.get() / 1000.0);
    registry.gauge("bizo.webhook.delivery.lag.seconds", deliveryLagMillis, v -> v.get() / 1000.0);
    registry.gauge("bizo.webhook.deliveries.due", pendingDeliveries, AtomicLong::get);
  }

  /** Starts with the application, so the health watch and the lag gauge exist before the first listener. */
  void eager(@Observes @Initialized(ApplicationScoped.class) Object event) {
    LOG.log(Level.DEBUG, () -> "Event hub ready");
  }

  /** Adds a listener for the tenant's events; it first gets a {@code ready} event with the server's health. */
  public void subscribe(TenantId tenant, SseEventSink sink, Sse sse) {
    TenantFeed feed = feeds.computeIfAbsent(tenant, t -> new TenantFeed(clock.instant().minus(START_TOLERANCE)));
    Subscriber subscriber = new Subscriber(sink, sse);
    feed.subscribers.add(subscriber);
    JsonArrayBuilder all = Json.createArrayBuilder();
    checks.values().forEach(all::add);
    subscriber.send("ready", Json.createObjectBuilder().add("health", health).add("checks", all).build().toString(), null);
  }

  /** Sends an event to the tenant's listeners, if any. */
  public void publish(TenantId tenant, String type, String json) {
    TenantFeed feed = feeds.get(tenant);
    if (feed != null) {
      feed.send(type, json, null);
    }
  }

  /** How many listeners are connected, for all tenants. */
  public int listeners() {
    return feeds.values().stream().mapToInt(f -> f.subscribers.size()).sum();
  }

  private void tick() {
    try {
      if (ticks++ % 5 == 0) {
        checkHealth();
      }
      feeds.forEach(this::tail);
      // A comment after activity (and every 15 s) pushes the last event out and finds closed streams.
      boolean quarterMinute = ticks % 15 == 0;
      feeds.values().forEach(f -> f.keepAlive(quarterMinute));
      feeds.entrySet().removeIf(e -> e.getValue().subscribers.isEmpty());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Event tail failed; retrying in a second: " + e.getMessage(), e);
    }
  }

  private void checkHealth() {
    Map<String, JsonObject> now = new LinkedHashMap<>();
    for (HealthCheck check : readiness) {
      HealthCheckResponse response;
      try {
        response = check.call();
      } catch (RuntimeException e) {
        response = HealthCheckResponse.named(check.getClass().getSimpleName()).down().withData("error", String.valueOf(e.getMessage())).build();
      }
      JsonObjectBuilder data = Json.createObjectBuilder();
      response.getData().ifPresent(d -> d.forEach((k, v) -> data.add(k, String.valueOf(v))));
      now.put(response.getName(), Json.createObjectBuilder()
          .add("name", response.getName()).add("status", response.getStatus().name()).add("data", data).build());
    }
    now.put("webhook-deliveries", deliveryBacklog());
    Map<String, JsonObject> before = checks;
    checks = now;
    health = now.values().stream().allMatch(c -> c.getString("status").equals("UP")) ? "UP" : "DOWN";
    if (before.isEmpty()) {
      return;
    }
    now.forEach((name, check) -> {
      JsonObject previous = before.get(name);
      String from = previous == null ? "UNKNOWN" : previous.getString("status");
      if (!from.equals(check.getString("status"))) {
        String json = Json.createObjectBuilder().add("check", name).add("from", from).add("to", check.getString("status"))
            .add("data", check.getJsonObject("data")).build().toString();
        feeds.values().forEach(f -> f.send("health", json, null));
      }
    });
  }

  /**
   * The webhook deliveries that are due and not yet made, over all tenants, and how long the oldest has
   * waited: DOWN past five minutes, when receivers are getting events late.
   */
  private JsonObject deliveryBacklog() {
    long[] backlog;
    try {
      backlog = transactions.asSystemJdbc("webhook delivery backlog for health", c -> {
        try (PreparedStatement s = c.prepareStatement(
            "select count(*), coalesce(extract(epoch from (now() - min(next_attempt_at))) * 1000, 0)"
                + " from agents_webhook_delivery where status = 'PENDING' and next_attempt_at <= now()");
            ResultSet rs = s.executeQuery()) {
          rs.next();
          return new long[] {rs.getLong(1), Math.max(0, rs.getLong(2))};
        }
      });
    } catch (RuntimeException e) {
      return Json.createObjectBuilder().add("name", "webhook-deliveries").add("status", "DOWN")
          .add("data", Json.createObjectBuilder().add("error", String.valueOf(e.getMessage()))).build();
    }
    pendingDeliveries.set(backlog[0]);
    deliveryLagMillis.set(backlog[1]);
    return Json.createObjectBuilder().add("name", "webhook-deliveries").add("status", backlog[1] > 300_000 ? "DOWN" : "UP")
        .add("data", Json.createObjectBuilder().add("due", String.valueOf(backlog[0])).add("oldestWaitingSeconds", String.valueOf(backlog[1] / 1000)))
        .build();
  }

  private void tail(TenantId tenant, TenantFeed feed) {
    if (feed.subscribers.isEmpty()) {
      return;
    }
    Instant since = feed.position.minus(LOOK_BACK);
    List<String[]> rows = transactions.inTenantJdbc(tenant, c -> {
      List<String[]> out = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(
          "select id, event_type, payload::text, recorded_at, aggregate_type, aggregate_id from bizo_outbox"
              + " where tenant_id = ? and recorded_at > ? order by recorded_at, id limit " + BATCH)) {
        s.setObject(1, tenant.value());
        s.setTimestamp(2, Timestamp.from(since));
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            out.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant().toString(),
                rs.getString(5), rs.getString(6)});
          }
        }
      }
      return out;
    });
    for (String[] row : rows) {
      UUID id = UUID.fromString(row[0]);
      Instant recorded = Instant.parse(row[3]);
      if (recorded.isAfter(feed.position)) {
        feed.position = recorded;
      }
      if (recorded.isBefore(feed.since) || !feed.seen.add(id)) {
        continue; // from before the tenant's first listener, or sent already
      }
      lagMillis.set(Math.max(0, Duration.between(recorded, clock.instant()).toMillis()));
      String json = Json.createObjectBuilder()
          .add("eventId", row[0])
          .add("type", row[1])
          .add("aggregateType", row[4])
          .add("aggregateId", row[5])
          .add("recordedAt", row[3])
          .add("data", Json.createReader(new java.io.StringReader(row[2])).readValue())
          .build()
          .toString();
      feed.send(row[1], json, row[0]);
    }
    feed.trimSeen();
  }

  /** Closes every stream before the pools go, so clients reconnect to another replica. */
  void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
    ticker.shutdownNow();
    feeds.values().forEach(f -> f.subscribers.forEach(s -> s.sink.close()));
    feeds.clear();
  }

  /** One tenant's listeners and how far its outbox has been read. */
  private static final class TenantFeed {
    final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    final Set<UUID> seen = new LinkedHashSet<>();
    final Instant since;
    volatile Instant position;

    TenantFeed(Instant since) {
      this.since = since;
      this.position = since;
    }

    private volatile boolean active;

    void send(String type, String json, String id) {
      active = true;
      subscribers.removeIf(s -> !s.send(type, json, id));
    }

    void keepAlive(boolean due) {
      if (active || due) {
        active = false;
        subscribers.removeIf(s -> !s.comment());
      }
    }

    void trimSeen() {
      while (seen.size() > 5 * BATCH) {
        seen.remove(seen.iterator().next());
      }
    }
  }

  /** One open stream. */
  private static final class Subscriber {
    final SseEventSink sink;
    final Sse sse;

    Subscriber(SseEventSink sink, Sse sse) {
      this.sink = sink;
      this.sse = sse;
    }

    /** Whether the stream is still open after writing a comment line. */
    synchronized boolean comment() {
      if (sink.isClosed()) {
        return false;
      }
      try {
        sink.send(sse.newEventBuilder().comment("keep-alive").build()).toCompletableFuture().get(5, TimeUnit.SECONDS);
        return true;
      } catch (Exception e) {
        LOG.log(Level.DEBUG, () -> "Event stream closed: " + e.getMessage());
        sink.close();
        return false;
      }
    }

    /** Whether the stream is still open after the attempt. */
    synchronized boolean send(String type, String json, String id) {
      if (sink.isClosed()) {
        return false;
      }
      var event = sse.newEventBuilder().name(type).mediaType(MediaType.APPLICATION_JSON_TYPE).data(String.class, json);
      if (id != null) {
        event.id(id);
      }
      try {
        sink.send(event.build()).toCompletableFuture().get(5, TimeUnit.SECONDS);
        return true;
      } catch (Exception e) {
        LOG.log(Level.DEBUG, () -> "Event stream closed: " + e.getMessage());
        sink.close();
        return false;
      }
    }
  }
}
