package dev.bizo.server.events;

import dev.bizo.core.TenantId;
import dev.bizo.core.events.DomainEvent;
import dev.bizo.core.events.Outbox;
import dev.bizo.core.events.RecordedEvent;
import dev.bizo.tenancy.Transactions;
import dev.bizo.webhooks.DeliveryBacklog;
import dev.bizo.webhooks.WebhookEndpoints;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live events for {@code GET /events}, per tenant: the tenant's domain events read from the outbox (new
 * leads, payment changes, ...), agent run progress as it happens, and changes of the server's health.
 *
 * <p>Health is every readiness check (database, migrations, Redis, data directory, ...) plus the webhook
 * delivery backlog, evaluated every 5 s whether or not anyone listens: a stream opens with all of them
 * ({@code ready}: {@code {health, checks: [{name, status, data}]}}) and then gets a {@code health} event
 * ({@code {check, from, to, data}}) for each check whose status changes.
 *
 * <p>The outbox is tailed once a second, and only for tenants with a listener, through {@link Outbox#readSince} by
 * (recorded_at, id) with a short look-back so that a transaction that committed late is not missed; ids already
 * sent are skipped. The backlog is {@link WebhookEndpoints#deliveryBacklog()}.
 */
@ApplicationScoped
public class EventHub {

  private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);
  private static final Duration LOOK_BACK = Duration.ofSeconds(5);
  private static final int BATCH = 200;
  /** A new stream starts this far back, for events of requests that began just before it. */
  private static final Duration START_TOLERANCE = Duration.ofSeconds(1);

  @Inject Transactions transactions;
  @Inject WebhookEndpoints webhooks;
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
    LOG.atDebug().log(() -> "Event hub ready");
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
      LOG.warn("Event tail failed; retrying in a second: " + e.getMessage(), e);
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
    DeliveryBacklog backlog;
    try {
      backlog = webhooks.deliveryBacklog();
    } catch (RuntimeException e) {
      return Json.createObjectBuilder().add("name", "webhook-deliveries").add("status", "DOWN")
          .add("data", Json.createObjectBuilder().add("error", String.valueOf(e.getMessage()))).build();
    }
    long waitedMillis = backlog.oldestWaiting().toMillis();
    pendingDeliveries.set(backlog.due());
    deliveryLagMillis.set(waitedMillis);
    return Json.createObjectBuilder().add("name", "webhook-deliveries").add("status", waitedMillis > 300_000 ? "DOWN" : "UP")
        .add("data", Json.createObjectBuilder().add("due", String.valueOf(backlog.due())).add("oldestWaitingSeconds", String.valueOf(waitedMillis / 1000)))
        .build();
  }

  private void tail(TenantId tenant, TenantFeed feed) {
    if (feed.subscribers.isEmpty()) {
      return;
    }
    Instant since = feed.position.minus(LOOK_BACK);
    List<RecordedEvent> events = transactions.inTenantJdbc(tenant, c -> Outbox.readSince(c, tenant, since, BATCH));
    for (RecordedEvent recordedEvent : events) {
      DomainEvent event = recordedEvent.event();
      Instant recorded = recordedEvent.recordedAt();
      if (recorded.isAfter(feed.position)) {
        feed.position = recorded;
      }
      if (recorded.isBefore(feed.since) || !feed.seen.add(event.id())) {
        continue; // from before the tenant's first listener, or sent already
      }
      lagMillis.set(Math.max(0, Duration.between(recorded, clock.instant()).toMillis()));
      String json = Json.createObjectBuilder()
          .add("eventId", event.id().toString())
          .add("type", event.type())
          .add("aggregateType", event.aggregateType())
          .add("aggregateId", event.aggregateId())
          .add("recordedAt", recorded.toString())
          .add("data", Json.createReader(new java.io.StringReader(event.payload())).readValue())
          .build()
          .toString();
      feed.send(event.type(), json, event.id().toString());
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
        LOG.atDebug().log(() -> "Event stream closed: " + e.getMessage());
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
        LOG.atDebug().log(() -> "Event stream closed: " + e.getMessage());
        sink.close();
        return false;
      }
    }
  }
}
