package dev.bizo.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.bizo.core.http.OutboundHttp;
import dev.bizo.testkit.Eventually;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestDatabase;
import dev.bizo.testkit.TestRedis;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas of the bootable jar on one PostgreSQL and one Redis take a mixed load (lead creates, and
 * simulator payments with idempotency keys, some with UNKNOWN outcomes); one is SIGKILLed mid-load, the
 * load goes on against the survivor, and the killed one is restarted and serves again. Then: every
 * acknowledged write exists exactly once, no payment was created or charged twice, every UNKNOWN settled,
 * and every outbox event reached a local webhook receiver at least once. Loopback only; bounded in
 * operations ({@value #WORKERS} x {@value #OPERATIONS_PER_WORKER} plus a final round) and in time.
 */
@RealServices
class TwoReplicaFailureIT {

  static final int WORKERS = 4;
  static final int OPERATIONS_PER_WORKER = 40;
  static final int FINAL_ROUND = 12;
  static final Duration LOAD_BUDGET = Duration.ofMinutes(6);
  static final Duration SETTLE_BUDGET = Duration.ofMinutes(2);

  /** Simulator cards (bizo-payments-simulator's SimulatorCards), weighted: mostly successes, some UNKNOWN. */
  static final String SUCCESS = "4242424242424242";
  static final String DECLINE = "4000000000000002";
  static final String TIMEOUT_THEN_SUCCEEDS = "4000000000000408";
  static final String SERVER_ERROR_THEN_SUCCEEDS = "4000000000000500";
  static final List<String> CARDS = List.of(SUCCESS, SUCCESS, SUCCESS, TIMEOUT_THEN_SUCCEEDS, DECLINE, SERVER_ERROR_THEN_SUCCEEDS);

  private static final String PASSWORD = "correct horse battery staple";
  private static final String ALL_SCOPES =
      "[\"users:read\",\"users:manage\",\"api-keys:manage\",\"secrets:manage\",\"audit:read\",\"data:read\",\"data:write\","
          + "\"tenant:manage\",\"billing:manage\"]";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = OutboundHttp.clientBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
  private final Map<String, Integer> statusCounts = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<String> notes = new ConcurrentLinkedQueue<>();

  /** A lead create: acknowledged when a 201 with an id came back. */
  record LeadWrite(String email, String id, String replica) {}

  /** A payment: acknowledged when a 2xx with a payment id came back, possibly after retries of the same key. */
  record PaymentWrite(String key, String card, String paymentId, String statusAtAck, int attempts, String replica) {}

  @Test
  void a_sigkilled_replica_loses_no_acknowledged_write_and_charges_nothing_twice(TestDatabase db, TestRedis redis, @TempDir Path home)
      throws Exception {
    Path jar = Path.of(System.getProperty("bizo.server.jar", ServerFacts.serverDir().resolve("target/bizo-server-bootable.jar").toString()));
    assumeTrue(Files.isRegularFile(jar) && Files.size(jar) > 1_000_000,
        "no bootable jar at " + jar + ": build reference-server first (the reactor does); the failure test did NOT run");
    List<String> jvmFlags = containerJvmFlags();

    Map<String, String> environment = new HashMap<>();
    environment.put("BIZO_DATABASE_URL", db.jdbcUrl());
    environment.put("BIZO_DATABASE_USER", db.user());
    environment.put("BIZO_DATABASE_PASSWORD", db.password());
    environment.put("BIZO_DATABASE_APP_PASSWORD", "app-" + UUID.randomUUID());
    environment.put("BIZO_DATABASE_POOL_SIZE", "5");
    environment.put("BIZO_REDIS_URL", redis.uri().toString());
    environment.put("BIZO_MASTER_KEY", randomKey());
    // Fast background work, as the server's own suite runs it, and webhooks allowed to the loopback receiver.
    environment.put("BIZO_PAYMENTS_RECONCILE_DELAYS", "PT1S,PT2S");
    environment.put("BIZO_PAYMENTS_RECONCILE_INTERVAL", "PT1S");
    environment.put("BIZO_WEBHOOKS_DELIVERY_INTERVAL", "PT1S");
    environment.put("BIZO_JOBS_TENANTS_REFRESH", "PT1S");
    // The SIGKILL may land while a has the delivery or reconciliation job running: b takes it over after
    // 6 missed heartbeats (6 s here, 1 min by default), well inside the settle budget.
    environment.put("BIZO_JOBS_HEARTBEAT_INTERVAL", "PT1S");
    environment.put("BIZO_WEBHOOKS_ALLOWED_HOSTS", "127.0.0.1");
    environment.put("BIZO_SHUTDOWN_TIMEOUT_SECONDS", "5");

    HttpServer receiver = startReceiver();
    ServerProcess a = new ServerProcess("replica-a", jar, home.resolve("a"), ServerProcess.freePort(), ServerProcess.freePort(), environment);
    ServerProcess b = new ServerProcess("replica-b", jar, home.resolve("b"), ServerProcess.freePort(), ServerProcess.freePort(), environment);
    try {
      // One after the other: the first runs the migrations, the second finds them done.
      Duration startA = a.start(jvmFlags);
      Duration startB = b.start(jvmFlags);
      System.out.printf("failure-test: replicas ready: a in %d ms, b in %d ms; RSS a %d MiB, b %d MiB%n",
          startA.toMillis(), startB.toMillis(), a.residentSetMib(), b.residentSetMib());
      for (ServerProcess replica : List.of(a, b)) {
        for (String path : List.of(ServerFacts.STARTED_PATH, ServerFacts.LIVE_PATH, ServerFacts.READY_PATH)) {
          assertThat(replica.get(replica.management(path)).statusCode()).as(replica.name() + " " + path).isEqualTo(200);
        }
      }

      // A tenant, signed up on a; an API key made on a must work on b (keys live in the shared database).
      String slug = "fail" + Long.toHexString(System.nanoTime());
      JsonNode signup = postJson(a, null, "/api/v1/tenants",
          "{\"tenantName\":\"Failure test\",\"slug\":\"" + slug + "\",\"ownerEmail\":\"owner@" + slug + ".test\",\"password\":\"" + PASSWORD + "\"}", null, 201);
      UUID tenantId = UUID.fromString(signup.path("tenantId").asText());
      String token = postJson(a, null, "/api/v1/auth/token",
          "{\"slug\":\"" + slug + "\",\"email\":\"owner@" + slug + ".test\",\"password\":\"" + PASSWORD + "\"}", null, 200)
          .path("accessToken").asText();
      int tokenOnB = send(b, token, "GET", "/api/v1/me", null, null).statusCode();
      System.out.println("failure-test: an access token issued by replica a answers " + tokenOnB + " on replica b"
          + (tokenOnB == 200 ? " (signing keys shared)" : " (signing keys NOT shared: the load uses an API key)"));
      String apiKey = postJson(a, token, "/api/v1/api-keys",
          "{\"name\":\"failure-test\",\"scopes\":" + ALL_SCOPES + "}", null, 201)
          .path("key").asText();
      assertThat(send(b, apiKey, "GET", "/api/v1/me", null, null).statusCode()).as("an API key made on a works on b").isEqualTo(200);

      JsonNode endpoint = postJson(b, apiKey, "/api/v1/webhook-endpoints",
          "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\"}", null, 201).path("endpoint");
      Instant endpointCreated = Instant.parse(endpoint.path("createdAt").asText());

      // The load, with the kill and the restart driven by its progress.
      List<ServerProcess> replicas = List.of(a, b);
      Set<ServerProcess> down = ConcurrentHashMap.newKeySet();
      AtomicInteger done = new AtomicInteger();
      int total = WORKERS * OPERATIONS_PER_WORKER;
      ConcurrentLinkedQueue<LeadWrite> leads = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<PaymentWrite> payments = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<String> unacknowledgedLeads = new ConcurrentLinkedQueue<>();
      ExecutorService pool = Executors.newFixedThreadPool(WORKERS + 1);
      long loadStarted = System.nanoTime();
      long deadline = loadStarted + LOAD_BUDGET.toNanos();
      Future<Duration> chaos = pool.submit(() -> {
        awaitProgress(done, total / 3, deadline);
        a.kill();
        down.add(a);
        notes.add("killed a (SIGKILL) after " + done.get() + " operations");
        awaitProgress(done, total / 2, deadline);
        notes.add("restarting a after " + done.get() + " operations");
        Duration restart = a.start(jvmFlags);
        down.remove(a);
        notes.add("a ready again after " + done.get() + " operations, in " + restart.toMillis() + " ms");
        return restart;
      });
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < WORKERS; w++) {
        int worker = w;
        workers.add(pool.submit(() -> {
          for (int i = 0; i < OPERATIONS_PER_WORKER && System.nanoTime() < deadline; i++) {
            ServerProcess target = pick(replicas, down, worker + i);
            if (i % 2 == 0) {
              createLead(target, apiKey, worker, i, leads, unacknowledgedLeads);
            } else {
              pay(replicas, down, target, apiKey, CARDS.get((worker * 7 + i) % CARDS.size()), worker, i, payments, deadline);
            }
            done.incrementAndGet();
          }
          return null;
        }));
      }
      for (Future<?> worker : workers) {
        worker.get(LOAD_BUDGET.toSeconds() + 60, TimeUnit.SECONDS);
      }
      Duration restartA = chaos.get(ServerProcess.READY_TIMEOUT.toSeconds() + 60, TimeUnit.SECONDS);
      assertThat(a.starts()).as("a was killed and started again").isEqualTo(2);
      // The restarted replica serves: a final round alternating between both.
      for (int i = 0; i < FINAL_ROUND; i++) {
        ServerProcess target = replicas.get(i % 2);
        if (i % 2 == 0 || i % 3 == 0) {
          createLead(target, apiKey, 99, i, leads, unacknowledgedLeads);
        } else {
          pay(replicas, Set.of(), target, apiKey, CARDS.get(i % CARDS.size()), 99, i, payments, deadline + SETTLE_BUDGET.toNanos());
        }
      }
      pool.shutdownNow();
      Duration load = Duration.ofNanos(System.nanoTime() - loadStarted);

      // Settlement: reconciliation settles every UNKNOWN; the webhook job delivers every outbox event.
      try (Connection sql = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
        long unsettled = awaitZero("every UNKNOWN or REQUESTED transaction settled", () -> count(sql,
            "select count(*) from payment_transaction where tenant_id = ? and status in ('UNKNOWN', 'REQUESTED')", tenantId));
        List<UUID> outbox = ids(sql, "select id from bizo_outbox where tenant_id = ? and recorded_at >= ?", tenantId,
            Timestamp.from(endpointCreated));
        long undelivered = awaitZero("every outbox event delivered", () -> {
          List<UUID> events = ids(sql, "select id from bizo_outbox where tenant_id = ? and recorded_at >= ?", tenantId,
              Timestamp.from(endpointCreated));
          return events.stream().filter(id -> !received.containsKey(id.toString())).count();
        });
        outbox = ids(sql, "select id from bizo_outbox where tenant_id = ? and recorded_at >= ?", tenantId, Timestamp.from(endpointCreated));

        // Every acknowledged lead exists exactly once; an unacknowledged one at most once.
        for (LeadWrite lead : leads) {
          assertThat(count(sql, "select count(*) from crm_lead where tenant_id = ? and id = ?", tenantId, UUID.fromString(lead.id())))
              .as("acknowledged lead " + lead).isEqualTo(1);
          assertThat(count(sql, "select count(*) from crm_lead where tenant_id = ? and email = ?", tenantId, lead.email()))
              .as("lead " + lead.email() + " stored once").isEqualTo(1);
        }
        for (String email : unacknowledgedLeads) {
          assertThat(count(sql, "select count(*) from crm_lead where tenant_id = ? and email = ?", tenantId, email))
              .as("unacknowledged lead " + email).isLessThanOrEqualTo(1);
        }
        // Every acknowledged payment exists once, under its own key; replays of a key never made a second one.
        Set<String> paymentIds = new HashSet<>();
        for (PaymentWrite payment : payments) {
          assertThat(paymentIds.add(payment.paymentId())).as("one payment per key: " + payment).isTrue();
          assertThat(count(sql, "select count(*) from payment where tenant_id = ? and merchant_reference = ?", tenantId, payment.key()))
              .as("payments created for key " + payment.key()).isEqualTo(1);
          assertThat(count(sql, "select count(*) from payment where tenant_id = ? and id = ?", tenantId, UUID.fromString(payment.paymentId())))
              .isEqualTo(1);
        }
        long doubleCharged = count(sql, "select count(*) from (select payment_id from payment_transaction where tenant_id = ?"
            + " and operation in ('PURCHASE', 'CAPTURE') and status = 'SUCCEEDED' group by payment_id having count(*) > 1) d", tenantId);
        long unknownPayments = count(sql, "select count(*) from payment where tenant_id = ? and status = 'UNKNOWN'", tenantId);
        Map<String, Long> finalStatuses = grouped(sql, "select status, count(*) from payment where tenant_id = ? group by status", tenantId);
        // The simulator keeps its charges in the memory of the replica that made them: an UNKNOWN reconciled by
        // the other replica (or after a restart) is answered "no_such_request" and settles as DECLINED.
        Map<String, Long> declineCodes = grouped(sql, "select coalesce(decline_code, '-'), count(*) from payment_transaction"
            + " where tenant_id = ? and status = 'DECLINED' group by 1", tenantId);
        long ackedUnknown = payments.stream().filter(p -> "UNKNOWN".equals(p.statusAtAck())).count();
        long retried = payments.stream().filter(p -> p.attempts() > 1).count();

        System.out.println("failure-test: timeline: " + String.join("; ", notes));
        System.out.printf("failure-test: load %d s (restart of a %d ms); HTTP statuses seen %s%n",
            load.toSeconds(), restartA.toMillis(), new TreeMap<>(statusCounts));
        System.out.printf("failure-test: leads acknowledged %d, unacknowledged (connection lost) %d%n", leads.size(), unacknowledgedLeads.size());
        System.out.printf("failure-test: payments acknowledged %d (%d needed a retry of the same key), UNKNOWN when acknowledged %d,"
            + " still UNKNOWN/REQUESTED transactions %d, final statuses %s (declined transactions by code %s), charged twice %d%n",
            payments.size(), retried, ackedUnknown, unsettled, finalStatuses, declineCodes, doubleCharged);
        System.out.printf("failure-test: outbox events %d, delivered to the receiver %d distinct ids (%d requests), undelivered %d%n",
            outbox.size(), received.size(), received.values().stream().mapToInt(AtomicInteger::get).sum(), undelivered);
        System.out.printf("failure-test: RSS after load: a %d MiB (peak %d), b %d MiB (peak %d)%n",
            a.residentSetMib(), a.peakResidentSetMib(), b.residentSetMib(), b.peakResidentSetMib());
        // What background work looked like at the end, in the failure message too (CI keeps only that).
        String deliveryState = "webhook deliveries by status " + grouped(sql,
            "select status, count(*) from agents_webhook_delivery where tenant_id = ? group by status", tenantId)
            + ", attempts by verdict " + grouped(sql, "select verdict || coalesce(' ' || http_status, '') || coalesce(' ' || left(error, 80), ''),"
            + " count(*) from agents_webhook_attempt where tenant_id = ? group by 1", tenantId)
            + "\n" + jobRows(sql);
        System.out.println("failure-test: " + deliveryState);
        for (ServerProcess replica : replicas) {
          System.out.printf("failure-test: %s wrote: tmpdir %s, working directory %s%n",
              replica.name(), listing(replica.tmpDir()), listing(replica.workDir()));
        }

        assertThat(leads).as("some leads were acknowledged").isNotEmpty();
        assertThat(payments).as("some payments were acknowledged").isNotEmpty();
        assertThat(ackedUnknown).as("the load included UNKNOWN outcomes").isPositive();
        assertThat(doubleCharged).as("payments charged twice").isZero();
        assertThat(unsettled).as("UNKNOWN or REQUESTED transactions left").isZero();
        assertThat(unknownPayments).as("payments still UNKNOWN").isZero();
        assertThat(outbox).as("the writes produced outbox events").isNotEmpty();
        assertThat(undelivered).as(() -> "outbox events never delivered; " + deliveryState + "\n"
            + a.logLines("Reviv|webhooks\\.deliver|WARN|ERROR", 15) + "\n" + b.logLines("Reviv|webhooks\\.deliver|WARN|ERROR", 15)).isZero();
        for (ServerProcess replica : replicas) {
          assertThat(listing(replica.workDir())).as(replica.name() + " writes nothing in its working directory").isEmpty();
        }
      }
    } finally {
      long stopping = System.nanoTime();
      b.close();
      long bStopped = System.nanoTime();
      a.close();
      System.out.printf("failure-test: SIGTERM to exit (BIZO_SHUTDOWN_TIMEOUT_SECONDS=5): b %d ms, a %d ms%n",
          (bStopped - stopping) / 1_000_000, (System.nanoTime() - bStopped) / 1_000_000);
      receiver.stop(0);
      System.out.println("failure-test: logs in " + a.log() + " and " + b.log());
    }
  }

  // ---- the load ----

  private void createLead(ServerProcess target, String apiKey, int worker, int i, ConcurrentLinkedQueue<LeadWrite> leads,
      ConcurrentLinkedQueue<String> unacknowledged) {
    String email = "lead-" + worker + "-" + i + "-" + UUID.randomUUID() + "@failure.test";
    try {
      HttpResponse<String> reply = send(target, apiKey, "POST", "/api/v1/leads",
          "{\"name\":\"Lead " + worker + "-" + i + "\",\"email\":\"" + email + "\",\"source\":\"WEBSITE\"}", null);
      if (reply.statusCode() == 201) {
        leads.add(new LeadWrite(email, JSON.readTree(reply.body()).path("id").asText(), target.name()));
      } else {
        notes.add("lead refused by " + target.name() + ": " + reply.statusCode() + " " + reply.body());
        unacknowledged.add(email);
      }
    } catch (IOException lost) {
      // Not retried: a lead create has no idempotency key, so a retry could store it twice.
      unacknowledged.add(email);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void pay(List<ServerProcess> replicas, Set<ServerProcess> down, ServerProcess first, String apiKey, String card, int worker, int i,
      ConcurrentLinkedQueue<PaymentWrite> payments, long deadline) throws InterruptedException {
    String key = "fail-" + worker + "-" + i + "-" + UUID.randomUUID();
    String body = "{\"amount\":" + (1000 + worker * 100 + i) + ",\"currency\":\"EUR\",\"paymentMethod\":\"" + card
        + "\",\"reference\":\"" + key + "\"}";
    AtomicInteger attempts = new AtomicInteger();
    // The first attempt goes to the given replica, each retry to whichever pick(...) gives for its attempt.
    Optional<PaymentWrite> acknowledged = Eventually.waiting(Duration.ofNanos(deadline - System.nanoTime()), "payment " + key + " acknowledged")
        .backingOff(Duration.ofMillis(200), Duration.ofSeconds(2))
        .lastReading(() -> {
          int attempt = attempts.incrementAndGet();
          ServerProcess target = attempt == 1 ? first : pick(replicas, down, worker + i + attempt - 1);
          try {
            HttpResponse<String> reply = send(target, apiKey, "POST", "/api/v1/payments", body, key);
            if (reply.statusCode() / 100 == 2) {
              JsonNode json = JSON.readTree(reply.body());
              return Optional.of(new PaymentWrite(key, card, json.path("paymentId").asText(), json.path("status").asText(), attempt, target.name()));
            }
            if (reply.statusCode() != 409 && reply.statusCode() / 100 != 5) {
              throw new AssertionError("payment refused by " + target.name() + ": " + reply.statusCode() + " " + reply.body());
            }
            // 409 (the key's first request is still in flight or was cut off) or 5xx: the same key again, shortly.
          } catch (IOException lost) {
            // The replica died under the request: the same key again, on whichever replica is up.
          }
          return Optional.<PaymentWrite>empty();
        }, Optional::isPresent);
    acknowledged.ifPresentOrElse(payments::add, () -> notes.add("payment " + key + " never acknowledged within the budget"));
  }

  private static ServerProcess pick(List<ServerProcess> replicas, Set<ServerProcess> down, int n) {
    ServerProcess preferred = replicas.get(Math.floorMod(n, replicas.size()));
    if (!down.contains(preferred)) {
      return preferred;
    }
    return replicas.stream().filter(r -> !down.contains(r)).findFirst().orElse(preferred);
  }

  /** Waits until {@code target} operations are done or the load's deadline passes, whichever comes first. */
  private static void awaitProgress(AtomicInteger done, int target, long deadline) throws InterruptedException {
    Eventually.waiting(Duration.ofNanos(deadline - System.nanoTime()), target + " operations done").every(Duration.ofMillis(50))
        .lastReading(done::get, n -> n >= target);
  }

  // ---- HTTP ----

  private HttpResponse<String> send(ServerProcess target, String bearer, String method, String path, String json, String idempotencyKey)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(target.api(path)).timeout(Duration.ofSeconds(30));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    if (json != null) {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    statusCounts.merge(method + " " + path.replaceAll("/[0-9a-f-]{36}", "/{id}") + " " + response.statusCode(), 1, Integer::sum);
    return response;
  }

  private JsonNode postJson(ServerProcess target, String bearer, String path, String json, String key, int expected)
      throws IOException, InterruptedException {
    HttpResponse<String> reply = send(target, bearer, "POST", path, json, key);
    assertThat(reply.statusCode()).as(target.name() + " POST " + path + ": " + reply.body()).isEqualTo(expected);
    return JSON.readTree(reply.body());
  }

  private HttpServer startReceiver() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/hook", exchange -> {
      exchange.getRequestBody().readAllBytes();
      String id = exchange.getRequestHeaders().getFirst("webhook-id");
      if (id != null) {
        received.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
      }
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.start();
    return server;
  }

  // ---- SQL, as the test database's superuser (not subject to row-level security) ----

  interface Count {
    long get() throws SQLException;
  }

  /** The count once it is zero, or as it was when {@link #SETTLE_BUDGET} ran out: the caller reports it, then asserts. */
  private static long awaitZero(String what, Count count) throws SQLException, InterruptedException {
    return Eventually.waiting(SETTLE_BUDGET, what).every(Duration.ofMillis(500)).lastReading(count::get, value -> value <= 0);
  }

  /** The recurring jobs' rows in db-scheduler's table, a line each. */
  private static String jobRows(Connection sql) throws SQLException {
    StringBuilder out = new StringBuilder();
    try (PreparedStatement jobs = sql.prepareStatement("select task_name, picked, picked_by, execution_time, last_success, last_failure,"
        + " consecutive_failures, last_heartbeat, now() from scheduled_tasks where task_instance = 'recurring' order by task_name");
        ResultSet rows = jobs.executeQuery()) {
      while (rows.next()) {
        out.append(String.format("job %s picked=%s by %s next %s, last success %s, last failure %s (%d in a row), heartbeat %s, now %s%n",
            rows.getString(1), rows.getBoolean(2), rows.getString(3), rows.getTimestamp(4), rows.getTimestamp(5), rows.getTimestamp(6),
            rows.getInt(7), rows.getTimestamp(8), rows.getTimestamp(9)));
      }
    }
    return out.toString();
  }

  private static long count(Connection sql, String query, Object... parameters) throws SQLException {
    try (PreparedStatement statement = prepare(sql, query, parameters); ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static List<UUID> ids(Connection sql, String query, Object... parameters) throws SQLException {
    List<UUID> ids = new ArrayList<>();
    try (PreparedStatement statement = prepare(sql, query, parameters); ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        ids.add(rows.getObject(1, UUID.class));
      }
    }
    return ids;
  }

  private static Map<String, Long> grouped(Connection sql, String query, Object... parameters) throws SQLException {
    Map<String, Long> groups = new TreeMap<>();
    try (PreparedStatement statement = prepare(sql, query, parameters); ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        groups.put(rows.getString(1), rows.getLong(2));
      }
    }
    return groups;
  }

  private static PreparedStatement prepare(Connection sql, String query, Object... parameters) throws SQLException {
    PreparedStatement statement = sql.prepareStatement(query);
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
    return statement;
  }

  // ---- setup ----

  /** The ENTRYPOINT's JVM flags (between "java" and "-jar"), minus the tmpdir the test gives each replica. */
  private static List<String> containerJvmFlags() {
    List<String> entrypoint = Containerfile.read(ServerFacts.serverDir().resolve("Containerfile")).runtime()
        .last("ENTRYPOINT").orElseThrow().execForm().orElseThrow();
    return entrypoint.subList(1, entrypoint.indexOf("-jar")).stream().filter(f -> !f.startsWith("-Djava.io.tmpdir=")).toList();
  }

  private static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }


  private static long mebibytes(Path path) {
    try (Stream<Path> files = Files.walk(path)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum() / (1024 * 1024);
    } catch (IOException | java.io.UncheckedIOException e) {
      return -1;
    }
  }

  private static List<String> listing(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString().replaceAll("[0-9]{6,}", "N") + " (" + mebibytes(p) + " MiB)").sorted().toList();
    }
  }
}
