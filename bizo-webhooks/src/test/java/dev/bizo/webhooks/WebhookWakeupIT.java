package dev.bizo.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.core.TenantId;
import dev.bizo.core.config.BizoConfig;
import dev.bizo.core.events.DomainEvent;
import dev.bizo.core.events.Outbox;
import dev.bizo.tenancy.AuditLog;
import dev.bizo.tenancy.MasterKeyring;
import dev.bizo.tenancy.Principal;
import dev.bizo.tenancy.Role;
import dev.bizo.tenancy.TenancyDatabase;
import dev.bizo.tenancy.TenantSecrets;
import dev.bizo.tenancy.Tenants;
import dev.bizo.tenancy.Users;
import dev.bizo.tenancy.jobs.BackgroundJobs;
import dev.bizo.tenancy.notify.DatabaseNotifications;
import dev.bizo.tenancy.testkit.TestTenancy;
import dev.bizo.testkit.Eventually;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestDatabase;
import dev.bizo.webhooks.testing.LocalReceiver;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A committed outbox event wakes webhook delivery through PostgreSQL {@code LISTEN/NOTIFY}, wired as the
 * reference server wires it: {@code BackgroundJobs.wakeOn(Outbox.NOTIFY_CHANNEL, "webhooks.deliver")}. Real
 * PostgreSQL, a real HTTP receiver on loopback, and a delivery poll so long (one hour) that it cannot explain a
 * delivery within seconds. The scheduler also runs the job once when a replica starts listening (to catch up on
 * what it may have missed); where a test is about the wake-up alone, the replica's scheduled runs deliver
 * nothing, so that only a woken run can explain a delivery.
 */
@RealServices
class WebhookWakeupIT {

  private static final String JOB = "webhooks.deliver";
  private static final Duration AN_HOUR = Duration.ofHours(1);
  private static final Duration FEW_SECONDS = Duration.ofSeconds(5);
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Clock CLOCK = Clock.systemUTC();
  private static final byte[] MASTER_KEY = masterKey();

  /** One replica: its own pool and listening connection, webhooks and scheduler, on the shared database. */
  private static final class Replica implements AutoCloseable {
    final TenancyDatabase database;
    final WebhookEndpoints webhooks;
    final BackgroundJobs jobs;
    /** Names of the threads whose delivery runs sent at least one request that was answered 2xx. */
    final List<String> deliveringThreads = new CopyOnWriteArrayList<>();
    final AtomicInteger wokenRuns = new AtomicInteger();

    Replica(TestDatabase db, String name, Duration interval, boolean scheduledRunsDeliver) {
      database = TestTenancy.start(db, WebhooksPersistence.modules());
      AuditLog audit = new AuditLog(database.transactions(), CLOCK);
      TenantSecrets secrets = new TenantSecrets(database.transactions(), MasterKeyring.of(MASTER_KEY), audit, CLOCK);
      webhooks = WebhookEndpoints.builder(database.transactions(), secrets)
          .config(BizoConfig.of(Map.of("bizo.webhooks.allowed-hosts", "127.0.0.1")))
          .build();
      Tenants tenants = new Tenants(database.transactions(), new Users(database.transactions(), audit, CLOCK), audit, CLOCK);
      jobs = BackgroundJobs.builder(database, tenants)
          .schedulerName(name)
          .perTenant(JOB, interval, tenant -> {
            boolean woken = Thread.currentThread().getName().startsWith("bizo-jobs-wake-");
            if (woken) {
              wokenRuns.incrementAndGet();
            } else if (!scheduledRunsDeliver) {
              return;
            }
            if (webhooks.deliverDue(tenant, 100).delivered() > 0) {
              deliveringThreads.add(Thread.currentThread().getName());
            }
          })
          .wakeOn(Outbox.NOTIFY_CHANNEL, JOB)
          .tenantsRefresh(AN_HOUR)
          .pollingInterval(Duration.ofMillis(200))
          .start();
      Eventually.within(WAIT, "replica " + name + " listens", jobs::listening);
    }

    /** Commits one event for {@code tenant} and returns {@link System#nanoTime()} right after the commit. */
    long commit(TenantId tenant, int n) {
      DomainEvent event = DomainEvent.builder(tenant, "lead.created", CLOCK).aggregate("lead", "L-" + n)
          .payload("{\"n\":" + n + "}").build();
      database.transactions().inTenantJdbc(tenant, c -> {
        Outbox.append(c, event);
        return null;
      });
      return System.nanoTime();
    }

    @Override
    public void close() {
      jobs.close();
      database.close();
    }
  }

  @Test
  void an_event_of_a_new_tenant_reaches_the_receiver_within_seconds_though_the_poll_is_an_hour(TestDatabase db)
      throws Exception {
    try (Replica replica = new Replica(db, "one", AN_HOUR, false); LocalReceiver receiver = new LocalReceiver()) {
      TenantId tenant = TestTenancy.newTenant(replica.database);
      replica.webhooks.register(owner(tenant), EndpointRegistration.of(receiver.url("/new"), "lead.created"));

      long committed = replica.commit(tenant, 1);

      Eventually.within(FEW_SECONDS, "the new tenant's event is delivered", () -> replica.deliveringThreads.size() == 1);
      Duration latency = Duration.ofNanos(receiver.received().get(0).receivedAtNanos() - committed);
      System.out.println("# commit to receiver, new tenant: " + latency.toMillis() + " ms");
      assertThat(receiver.received("/new")).singleElement().satisfies(r -> assertThat(r.body()).contains("\"n\":1"));
      assertThat(replica.deliveringThreads).as("delivered by a woken run, not by the hourly poll")
          .singleElement().satisfies(name -> assertThat(name).startsWith("bizo-jobs-wake-"));
    }
  }

  @Test
  void two_replicas_both_woken_deliver_each_event_once_per_endpoint(TestDatabase db) throws Exception {
    try (Replica one = new Replica(db, "one", AN_HOUR, false); Replica two = new Replica(db, "two", AN_HOUR, false);
        LocalReceiver receiver = new LocalReceiver()) {
      TenantId tenant = TestTenancy.newTenant(one.database);
      WebhookEndpointId a = one.webhooks.register(owner(tenant), EndpointRegistration.of(receiver.url("/a"), "lead.created"))
          .endpoint().id();
      WebhookEndpointId b = two.webhooks.register(owner(tenant), EndpointRegistration.of(receiver.url("/b"), "lead.created"))
          .endpoint().id();
      int events = 30;

      for (int i = 0; i < events; i++) {
        (i % 2 == 0 ? one : two).commit(tenant, i);
      }

      Eventually.within(WAIT, "every delivery is made", () -> {
        List<WebhookDeliveryRecord> all = all(one, tenant, a, b);
        return all.size() == 2 * events && all.stream().allMatch(d -> d.status() == DeliveryState.Status.DELIVERED);
      });
      assertThat(all(one, tenant, a, b)).allSatisfy(d -> assertThat(d.attempts()).hasSize(1));
      List<LocalReceiver.Received> received = receiver.received();
      assertThat(received).hasSize(2 * events);
      Set<String> distinct = received.stream().map(r -> r.path() + " " + r.header("webhook-id")).collect(Collectors.toSet());
      assertThat(distinct).as("one request per endpoint and event").hasSize(2 * events);
      assertThat(one.wokenRuns.get()).as("replica one was woken").isPositive();
      assertThat(two.wokenRuns.get()).as("replica two was woken").isPositive();
    }
  }

  @Test
  void after_its_listening_connection_is_terminated_a_replica_listens_again_and_is_woken(TestDatabase db)
      throws Exception {
    try (Replica replica = new Replica(db, "one", AN_HOUR, false); LocalReceiver receiver = new LocalReceiver()) {
      TenantId tenant = TestTenancy.newTenant(replica.database);
      replica.webhooks.register(owner(tenant), EndpointRegistration.of(receiver.url("/again"), "lead.created"));
      DatabaseNotifications notifications = replica.database.notifications();

      try (Connection superuser = db.connect()) {
        assertThat(terminateListeners(superuser, db.name())).isEqualTo(1);
      }
      Eventually.within(WAIT, "the replica listens again", () -> notifications.connections() == 2 && replica.jobs.listening());
      int deliveriesBefore = replica.deliveringThreads.size();
      replica.commit(tenant, 7);

      Eventually.within(FEW_SECONDS, "the event is delivered", () -> replica.deliveringThreads.size() == deliveriesBefore + 1);
      assertThat(receiver.received("/again")).singleElement().satisfies(r -> assertThat(r.body()).contains("\"n\":7"));
      assertThat(replica.deliveringThreads.get(deliveriesBefore)).startsWith("bizo-jobs-wake-");
    }
  }

  @Test
  void an_event_whose_notification_is_lost_is_still_delivered_by_the_poll(TestDatabase db) throws Exception {
    try (Replica replica = new Replica(db, "one", Duration.ofSeconds(1), true); LocalReceiver receiver = new LocalReceiver()) {
      TenantId tenant = TestTenancy.newTenant(replica.database);
      replica.webhooks.register(owner(tenant), EndpointRegistration.of(receiver.url("/lost"), "lead.created"));

      try (Connection superuser = db.connect()) {
        terminateListeners(superuser, db.name());
        insertWithoutNotification(superuser, tenant);
      }

      Eventually.within(WAIT, "the poll delivers the event", () -> replica.deliveringThreads.size() == 1);
      assertThat(receiver.received("/lost")).singleElement().satisfies(r -> assertThat(r.body()).contains("\"lost\":true"));
      assertThat(replica.deliveringThreads).as("delivered by the scheduled run")
          .singleElement().satisfies(name -> assertThat(name).doesNotStartWith("bizo-jobs-wake-"));
    }
  }

  private static List<WebhookDeliveryRecord> all(Replica replica, TenantId tenant, WebhookEndpointId a, WebhookEndpointId b) {
    List<WebhookDeliveryRecord> all = new java.util.ArrayList<>(replica.webhooks.deliveries(owner(tenant), a, 1000));
    all.addAll(replica.webhooks.deliveries(owner(tenant), b, 1000));
    return all;
  }

  /** An outbox row written with triggers off (as a superuser may): no NOTIFY is ever sent for it. */
  private static void insertWithoutNotification(Connection superuser, TenantId tenant) throws SQLException {
    superuser.setAutoCommit(false);
    try (Statement s = superuser.createStatement()) {
      s.execute("set local session_replication_role = replica");
    }
    try (PreparedStatement insert = superuser.prepareStatement(
        "insert into bizo_outbox (id, tenant_id, event_type, aggregate_type, aggregate_id, payload, occurred_at)"
            + " values (?, ?, 'lead.created', 'lead', 'L-lost', '{\"lost\":true}'::jsonb, ?)")) {
      insert.setObject(1, UUID.randomUUID());
      insert.setObject(2, tenant.value());
      insert.setTimestamp(3, Timestamp.from(Instant.now()));
      insert.executeUpdate();
    }
    superuser.commit();
  }

  private static int terminateListeners(Connection superuser, String database) throws SQLException {
    try (PreparedStatement s = superuser.prepareStatement(
        "select count(*) filter (where pg_terminate_backend(pid)) from pg_stat_activity"
            + " where application_name = ? and datname = ?")) {
      s.setString(1, DatabaseNotifications.APPLICATION_NAME);
      s.setString(2, database);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    }
  }

  private static Principal owner(TenantId tenant) {
    return Principal.of(tenant, "owner", Role.OWNER);
  }

  private static byte[] masterKey() {
    byte[] key = new byte[32];
    key[0] = 7;
    return key;
  }
}
