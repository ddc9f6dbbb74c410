package dev.bizo.benchmarks.webhooks;

import com.sun.net.httpserver.HttpServer;
import dev.bizo.benchmarks.BenchmarkDatabase;
import dev.bizo.benchmarks.DurableCluster;
import dev.bizo.benchmarks.Figure;
import dev.bizo.benchmarks.Measurement;
import dev.bizo.benchmarks.Percentiles;
import dev.bizo.benchmarks.Report;
import dev.bizo.benchmarks.Sizes;
import dev.bizo.benchmarks.SuiteSize;
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
import dev.bizo.tenancy.Transactions;
import dev.bizo.tenancy.Users;
import dev.bizo.tenancy.jobs.BackgroundJobs;
import dev.bizo.testkit.TestDatabase;
import dev.bizo.testkit.internal.SharedPostgres;
import dev.bizo.webhooks.EndpointRegistration;
import dev.bizo.webhooks.WebhookEndpoints;
import dev.bizo.webhooks.WebhooksPersistence;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How long a committed event takes to reach a webhook receiver: from the commit's return to the moment a local
 * receiver (the JDK's HTTP server on loopback) answers 2xx, in process with the reference server's wiring
 * ({@code BackgroundJobs} with {@code webhooks.deliver} every 5 s, woken by {@code Outbox.NOTIFY_CHANNEL};
 * tenant list refreshed every 30 s; {@code WebhookEndpoints.deliverDue(tenant, 100)}) on an embedded PostgreSQL.
 *
 * <p>The tenant signs up after the jobs started, so its first event is a new tenant's first event (a figure of
 * its own). Then events (200 by default) are committed one every 100 ms (10 a second for one tenant), not waiting for deliveries, each a
 * {@code lead.created} appended to the outbox in its own transaction. Baseline: the receiver's own response time,
 * the same body POSTed to it directly by {@code java.net.http.HttpClient}. Goal (issue 16): p50 at most 1 s,
 * p99 at most 3 s.
 *
 * <p>The price of the wake-up: PostgreSQL serialises the commits of transactions that sent a NOTIFY (a
 * database-wide lock held through the commit's WAL flush, so concurrent commits no longer share a flush). Figure
 * {@code outbox-append-throughput}: events/s committed by 32 threads (the ingest benchmark's clients), one outbox
 * append per transaction, for a tenant without endpoints, with the NOTIFY trigger; baseline the same with the
 * trigger disabled. Measured on a {@link DurableCluster}, as the server's embedded default runs.
 *
 * <p>Run alone: {@code java -cp ... dev.bizo.benchmarks.webhooks.WebhookDeliveryLatency [--full | --tiny]}.
 */
public final class WebhookDeliveryLatency implements Measurement {

  /** Time between two events; {@code -Dbizo.bench.webhooks.pace-ms=N} to change it. */
  private static final Duration PACE = Duration.ofMillis(Long.getLong("bizo.bench.webhooks.pace-ms", 100));
  private static final String JOB = "webhooks.deliver";

  public static void main(String[] args) throws Exception {
    new WebhookDeliveryLatency().run(Sizes.fromArgs(args), new Report(System.out));
    System.exit(0);
  }

  @Override
  public String name() {
    return "webhooks";
  }

  @Override
  public Duration bound(SuiteSize size) {
    return Duration.ofSeconds(size.ints(120, 150, 300)); // the latency run, then a durable cluster started and migrated
  }

  @Override
  public void run(SuiteSize size, Report report) throws Exception {
    int events = size.ints(20, 200, 1_000);
    TestDatabase db = SharedPostgres.get().createDatabase();
    asSuperuser(db, "alter database \"" + db.name() + "\" set synchronous_commit = on", "show fsync");
    TenancyDatabase.Builder builder = BenchmarkDatabase.on(db, 8);
    WebhooksPersistence.modules().forEach(builder::module);
    Map<String, Long> answeredAt = new ConcurrentHashMap<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    ExecutorService receiverThreads = Executors.newFixedThreadPool(4);
    receiver.createContext("/", exchange -> {
      try (InputStream in = exchange.getRequestBody()) {
        in.readAllBytes();
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        exchange.sendResponseHeaders(204, -1);
        if (id != null) {
          answeredAt.putIfAbsent(id, System.nanoTime());
        }
      } finally {
        exchange.close();
      }
    });
    receiver.setExecutor(receiverThreads);
    receiver.start();
    URI url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    try (TenancyDatabase database = builder.start()) {
      Transactions tx = database.transactions();
      Clock clock = Clock.systemUTC();
      AuditLog audit = new AuditLog(tx, clock);
      byte[] masterKey = new byte[32];
      new SecureRandom().nextBytes(masterKey);
      TenantSecrets secrets = new TenantSecrets(tx, MasterKeyring.of(masterKey), audit, clock);
      WebhookEndpoints webhooks = WebhookEndpoints.builder(tx, secrets)
          .config(BizoConfig.of(Map.of("bizo.webhooks.allowed-hosts", "127.0.0.1")))
          .build();
      Tenants tenants = new Tenants(tx, new Users(tx, audit, clock), audit, clock);
      try (BackgroundJobs jobs = BackgroundJobs.builder(database, tenants)
          .perTenant(JOB, Duration.ofSeconds(5), tenant -> webhooks.deliverDue(tenant, 100))
          .wakeOn(Outbox.NOTIFY_CHANNEL, JOB)
          .tenantsRefresh(Duration.ofSeconds(30))
          .start()) {
        awaitListening(jobs);
        TenantId tenant = BenchmarkDatabase.signUp(tx, "Webhook bench", "hooks");
        webhooks.register(Principal.of(tenant, "owner", Role.OWNER), EndpointRegistration.of(url, "lead.created"));

        String firstId = commit(tx, tenant, clock, -1);
        long firstCommitted = System.nanoTime();
        double firstMs = (awaitAnswer(answeredAt, firstId) - firstCommitted) / 1e6;

        String[] ids = new String[events];
        long[] committed = new long[events];
        long next = System.nanoTime();
        for (int i = 0; i < events; i++) {
          ids[i] = commit(tx, tenant, clock, i);
          committed[i] = System.nanoTime();
          next += PACE.toNanos();
          long wait = next - System.nanoTime();
          if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          }
        }
        double[] latency = new double[events];
        for (int i = 0; i < events; i++) {
          latency[i] = (awaitAnswer(answeredAt, ids[i]) - committed[i]) / 1e6;
        }
        double[] direct = directRoundTrips(url, events);
        Percentiles l = Percentiles.of(latency);
        Percentiles d = Percentiles.of(direct);
        report.note(String.format(Locale.ROOT,
            "webhooks: in process with the server's wiring (poll every 5 s, woken by NOTIFY); %d lead.created events"
                + " committed one every %d ms to a local receiver; value = commit returned to the receiver's 2xx,"
                + " baseline = the same body POSTed to the receiver directly (HTTP/1.1); max %.1f ms",
            events, PACE.toMillis(), l.at(100)));
        report.figure(new Figure("webhook-delivery-new-tenant-first-event", firstMs, "ms", d.median(), "ms direct-post-p50"));
        report.figure(new Figure("webhook-delivery-latency-p50", l.median(), "ms", d.median(), "ms direct-post-p50"));
        report.figure(new Figure("webhook-delivery-latency-p99", l.at(99), "ms", d.at(99), "ms direct-post-p99"));

      }
    } finally {
      receiver.stop(0);
      receiverThreads.shutdownNow();
      SharedPostgres.get().dropDatabase(db);
    }
    appendCost(size, report);
  }

  /** {@code outbox-append-throughput}, with and without the NOTIFY trigger, on a durable cluster. */
  private static void appendCost(SuiteSize size, Report report) throws Exception {
    int threads = 32;
    Duration window = Duration.ofSeconds(size.ints(2, 5, 15));
    try (DurableCluster durable = DurableCluster.start()) {
      TenancyDatabase.Builder builder = durable.persistence(threads);
      WebhooksPersistence.modules().forEach(builder::module); // core's outbox first
      try (TenancyDatabase database = builder.start()) {
        Transactions tx = database.transactions();
        Clock clock = Clock.systemUTC();
        TenantId quiet = BenchmarkDatabase.signUp(tx, "Outbox bench", "outbox");
        String settings = durable.asSuperuser("alter table bizo_outbox disable trigger bizo_outbox_notify",
            "select 'fsync ' || current_setting('fsync') || ', synchronous_commit ' || current_setting('synchronous_commit')");
        double without = appendThroughput(tx, quiet, clock, threads, window);
        durable.asSuperuser("alter table bizo_outbox enable trigger bizo_outbox_notify", "select 1");
        double with = appendThroughput(tx, quiet, clock, threads, window);
        report.note(String.format(Locale.ROOT,
            "outbox-append: %d threads, one event per transaction, %d s each way, on a fresh embedded default cluster (%s);"
                + " value = with the NOTIFY trigger, baseline = trigger disabled", threads, window.toSeconds(), settings));
        report.figure(new Figure("outbox-append-throughput", with, "events/s", without, "events/s without-notify"));
      }
    }
  }

  /** Events/s that {@code threads} threads commit in {@code window}, after a warm-up of a second. */
  private static double appendThroughput(Transactions tx, TenantId tenant, Clock clock, int threads, Duration window)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      AtomicLong committed = new AtomicLong();
      long warmUpEnd = System.nanoTime() + Duration.ofSeconds(1).toNanos();
      long end = warmUpEnd + window.toNanos();
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        running.add(pool.submit(() -> {
          int n = 0;
          while (System.nanoTime() < end) {
            commit(tx, tenant, clock, n++);
            if (System.nanoTime() >= warmUpEnd) {
              committed.incrementAndGet();
            }
          }
          return null;
        }));
      }
      for (var f : running) {
        f.get();
      }
      return committed.get() / (window.toNanos() / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Runs {@code statement}, then {@code query}, as the test database's superuser; returns the query's first value. */
  private static String asSuperuser(TestDatabase db, String statement, String query) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute(statement);
      try (ResultSet r = s.executeQuery(query)) {
        r.next();
        return r.getString(1);
      }
    }
  }

  private static String commit(Transactions tx, TenantId tenant, Clock clock, int n) {
    DomainEvent event = DomainEvent.builder(tenant, "lead.created", clock).aggregate("lead", "L-" + n)
        .payload("{\"lead\":" + n + ",\"email\":\"lead" + n + "@example.test\"}").build();
    tx.inTenantJdbc(tenant, c -> {
      Outbox.append(c, event);
      return null;
    });
    return event.id().toString();
  }

  private static double[] directRoundTrips(URI url, int count) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String body = "{\"type\":\"lead.created\",\"data\":{\"lead\":1,\"email\":\"lead1@example.test\"}}";
    double[] ms = new double[count];
    for (int i = -20; i < count; i++) {
      HttpRequest request = HttpRequest.newBuilder(url).header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build();
      long t0 = System.nanoTime();
      HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
      long t1 = System.nanoTime();
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException("the receiver answered " + response.statusCode());
      }
      if (i >= 0) {
        ms[i] = (t1 - t0) / 1e6;
      }
    }
    return ms;
  }

  private static long awaitAnswer(Map<String, Long> answeredAt, String id) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Long at;
    while ((at = answeredAt.get(id)) == null) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("event " + id + " did not reach the receiver within 60 s");
      }
      Thread.sleep(1);
    }
    return at;
  }

  private static void awaitListening(BackgroundJobs jobs) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!jobs.listening()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the jobs do not hear the database's notifications");
      }
      Thread.sleep(10);
    }
  }
}
