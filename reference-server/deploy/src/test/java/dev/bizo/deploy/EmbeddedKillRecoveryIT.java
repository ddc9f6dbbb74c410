package dev.bizo.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.bizo.testkit.Eventually;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bootable jar on its embedded default database (no BIZO_DATABASE_URL), SIGKILLed under a write load and
 * started again on the same BIZO_DATA_DIR, twice: first the JVM alone, which leaves its PostgreSQL running (the
 * OOM killer's kill), then the JVM together with its PostgreSQL (a pod's kill). After each restart: every
 * acknowledged lead is there, every acknowledged payment's Idempotency-Key replays to the same payment, and every
 * outbox event, before and after the kill, reaches a local webhook receiver. Loopback only; bounded in time.
 * A second test starts a server whose embedded database cannot start: readiness says why on one line, the
 * failure is logged once, and probes add no stack traces.
 */
class EmbeddedKillRecoveryIT {

  static final int WORKERS = 4;
  static final Duration LOAD_BEFORE_KILL = Duration.ofSeconds(6);
  static final Duration SETTLE_BUDGET = Duration.ofSeconds(90);
  static final String CARD = "4242424242424242";
  static final int PROBES = 10;
  /** A log entry at level ERROR. */
  static final Pattern ERROR_ENTRY = Pattern.compile(".*\\d\\d:\\d\\d:\\d\\d,\\d+ ERROR .*");

  private static final String PASSWORD = "correct horse battery staple";
  private static final String ALL_SCOPES =
      "[\"users:read\",\"users:manage\",\"api-keys:manage\",\"secrets:manage\",\"audit:read\",\"data:read\",\"data:write\","
          + "\"tenant:manage\",\"billing:manage\"]";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(3)).build();
  private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
  /** PostgreSQL processes this test saw running its cluster, ended at the end whatever happened. */
  private final Set<ProcessHandle> postmasters = ConcurrentHashMap.newKeySet();

  enum Kill {
    /** SIGKILL to the server's JVM only: its PostgreSQL, in a session of its own, keeps running. */
    JVM_ALONE,
    /** SIGKILL to the JVM, the postmaster and every PostgreSQL backend at once. */
    JVM_AND_POSTGRESQL
  }

  record LeadWrite(String id, String email) {}

  record PaymentWrite(String key, String body, String paymentId) {}

  @Test
  void a_server_killed_under_load_comes_back_on_its_data_with_every_acknowledged_write(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path home) throws Exception {
    Path jar = bootableJar();
    Map<String, String> environment = Map.of(
        "BIZO_WEBHOOKS_DELIVERY_INTERVAL", "PT1S",
        "BIZO_JOBS_TENANTS_REFRESH", "PT1S",
        // A job the killed JVM had running is taken over after 6 missed heartbeats: 6 s here.
        "BIZO_JOBS_HEARTBEAT_INTERVAL", "PT1S",
        "BIZO_WEBHOOKS_ALLOWED_HOSTS", "127.0.0.1",
        // A payment cut off by the kill stays in progress until reconciliation settles it: within seconds here.
        "BIZO_PAYMENTS_RECONCILE_DELAYS", "PT1S,PT2S",
        "BIZO_PAYMENTS_RECONCILE_INTERVAL", "PT1S",
        "BIZO_SHUTDOWN_TIMEOUT_SECONDS", "5");
    HttpServer receiver = startReceiver();
    ServerProcess server = new ServerProcess("embedded", jar, home, ServerProcess.freePort(), ServerProcess.freePort(), environment);
    List<String> jvmFlags = containerJvmFlags();
    List<String> figures = new ArrayList<>();
    try {
      Duration firstStart = server.start(jvmFlags);
      figures.add("first start " + firstStart.toMillis() + " ms");
      String slug = "kill" + Long.toHexString(System.nanoTime());
      JsonNode signup = postJson(server, null, "/api/v1/tenants",
          "{\"tenantName\":\"Kill test\",\"slug\":\"" + slug + "\",\"ownerEmail\":\"owner@" + slug + ".test\",\"password\":\"" + PASSWORD + "\"}", 201);
      UUID tenantId = UUID.fromString(signup.path("tenantId").asText());
      String token = postJson(server, null, "/api/v1/auth/token",
          "{\"slug\":\"" + slug + "\",\"email\":\"owner@" + slug + ".test\",\"password\":\"" + PASSWORD + "\"}", 200).path("accessToken").asText();
      String apiKey = postJson(server, token, "/api/v1/api-keys", "{\"name\":\"kill-test\",\"scopes\":" + ALL_SCOPES + "}", 201).path("key").asText();
      JsonNode endpoint = postJson(server, apiKey, "/api/v1/webhook-endpoints",
          "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\"}", 201).path("endpoint");
      Instant endpointCreated = Instant.parse(endpoint.path("createdAt").asText());

      ConcurrentLinkedQueue<LeadWrite> leads = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<PaymentWrite> payments = new ConcurrentLinkedQueue<>();
      int unacknowledged = 0;
      for (Kill kill : Kill.values()) {
        List<PaymentWrite> cutOff = loadThenKill(server, apiKey, kill, leads, payments);
        unacknowledged += cutOff.size();
        Duration restart = server.start(jvmFlags);
        figures.add("restart after SIGKILL of " + (kill == Kill.JVM_ALONE ? "the JVM alone" : "the JVM and PostgreSQL") + " "
            + restart.toMillis() + " ms");
        System.out.printf("embedded-kill-test: %s: ready again in %d ms (%d leads, %d payments acknowledged so far)%n",
            kill, restart.toMillis(), leads.size(), payments.size());
        for (ProcessHandle old : postmasters) {
          if (!old.equals(currentPostmaster(server).orElse(null))) {
            assertThat(running(old)).as("the PostgreSQL that ran before the kill (pid " + old.pid() + ") no longer runs").isFalse();
          }
        }
        if (kill == Kill.JVM_ALONE) {
          long orphan = postmasters.stream().mapToLong(ProcessHandle::pid).max().orElseThrow();
          assertThat(server.logLines("Stopped PostgreSQL pid", 3)).as("the restart stopped the PostgreSQL the killed JVM left")
              .contains("Stopped PostgreSQL pid " + orphan + " ");
        }
        // A payment cut off by the kill is retried with its key now: it exists once, whether it was created before or not.
        for (PaymentWrite payment : cutOff) {
          payments.add(new PaymentWrite(payment.key(), payment.body(), pay(server, apiKey, payment.key(), payment.body())));
        }
        checkEveryAcknowledgedWrite(server, apiKey, tenantId, endpointCreated, leads, payments);
      }
      System.out.printf("embedded-kill-test: %s; writes checked: %d leads, %d payments (%d of them not answered 2xx around a kill,"
          + " cut off or refused while the server was down, and retried with their key after the restart), %d webhook events delivered%n", String.join(", ", figures), leads.size(), payments.size(), unacknowledged,
          received.size());
      assertThat(server.logLines("Error processing Health Checks|WELD-000049", 3)).as("no health check or bean creation failed")
          .doesNotContain("WELD-000049").doesNotContain("Error processing");
    } finally {
      server.close();
      receiver.stop(0);
      postmasters.stream().filter(EmbeddedKillRecoveryIT::running).forEach(ProcessHandle::destroyForcibly);
      System.out.println("embedded-kill-test: log in " + server.log());
    }
  }

  @Test
  void a_failed_boot_is_logged_once_and_readiness_gives_the_reason_on_one_line(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path home) throws Exception {
    Path jar = bootableJar();
    ServerProcess server = new ServerProcess("broken", jar, home, ServerProcess.freePort(), ServerProcess.freePort(), Map.of());
    // The cluster's directory is a file: the embedded database cannot start.
    Files.createDirectories(server.dataDir());
    Files.writeString(server.dataDir().resolve("postgres"), "not a directory");
    try {
      server.launch(containerJvmFlags());
      JsonNode boot = Eventually.waiting(ServerProcess.READY_TIMEOUT, "a boot check on /health/ready")
          .every(Duration.ofMillis(500))
          .abortWhen(() -> !server.isAlive(), () -> "the server exited before /health/ready had a boot check; log:\n" + server.logTail())
          .lastReading(() -> bootCheck(server), Objects::nonNull);
      assertThat(boot).as(() -> "a boot check on /health/ready; log:\n" + server.logTail()).isNotNull();
      // The boot check can answer while WildFly is still logging the deployment's one failure; it reports the end of
      // its boot ("started (with errors)") after that, so the probes' lines are counted from there.
      Eventually.within(ServerProcess.READY_TIMEOUT, "WildFly's end of boot (WFLYSRV0026) in the log",
          () -> unchecked(() -> lines(server.log())).stream().anyMatch(l -> l.contains("WFLYSRV0026")));
      long linesBefore = lines(server.log()).size();
      for (int i = 0; i < PROBES; i++) {
        HttpResponse<String> ready = server.get(server.management(ServerFacts.READY_PATH));
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
        JsonNode reason = check(JSON.readTree(ready.body()), "boot").path("data").path("reason");
        assertThat(reason.asText()).as(ready.body()).startsWith("database: embedded_database.start_failed").doesNotContain("\n");
      }
      List<String> log = lines(server.log());
      List<String> probeLines = log.subList((int) linesBefore, log.size());
      assertThat(probeLines).as("what %d readiness probes added to the log", PROBES)
          // WildFly's own boot-errors check quotes the failure inside its one WARN line per DOWN probe; what must not
          // come back is an ERROR entry or a stack trace per probe.
          .noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by") || ERROR_ENTRY.matcher(l).matches())
          .hasSizeLessThanOrEqualTo(PROBES * 2);
      assertThat(log.stream().filter(l -> l.contains("Startup failed, database: embedded_database.start_failed")))
          .as("the failure is logged once").hasSize(1);
      assertThat(log).as("no health check created a bean whose start failed").noneMatch(l -> l.contains("Error processing Health Checks"));
      long errorEntries = log.stream().filter(l -> ERROR_ENTRY.matcher(l).matches()).count();
      System.out.printf("embedded-kill-test: failed boot: %d ERROR entries in the log in all; %d probes added %d log lines, none a stack"
          + " trace; reason given: %s%n", errorEntries, PROBES, probeLines.size(), check(JSON.readTree(server.get(server.management(
              ServerFacts.READY_PATH)).body()), "boot").path("data").path("reason").asText());
    } finally {
      server.close();
    }
  }

  // ---- load and kill ----

  /**
   * Writes leads and payments from {@value #WORKERS} threads, kills the server after {@link #LOAD_BEFORE_KILL} while
   * they still write, and returns the payments whose answer the kill cut off.
   */
  private List<PaymentWrite> loadThenKill(ServerProcess server, String apiKey, Kill kill, ConcurrentLinkedQueue<LeadWrite> leads,
      ConcurrentLinkedQueue<PaymentWrite> payments) throws Exception {
    AtomicBoolean killed = new AtomicBoolean();
    ConcurrentLinkedQueue<PaymentWrite> cutOff = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < WORKERS; w++) {
      int worker = w;
      workers.add(pool.submit(() -> {
        for (int i = 0; !killed.get(); i++) {
          if (i % 2 == 0) {
            String email = kill.name().toLowerCase() + "-" + worker + "-" + i + "-" + UUID.randomUUID() + "@kill.test";
            try {
              HttpResponse<String> reply = send(server, apiKey, "POST", "/api/v1/leads",
                  "{\"name\":\"Lead " + worker + "-" + i + "\",\"email\":\"" + email + "\",\"source\":\"WEBSITE\"}", null);
              if (reply.statusCode() == 201) {
                leads.add(new LeadWrite(JSON.readTree(reply.body()).path("id").asText(), email));
              }
            } catch (IOException cutByTheKill) {
              // No idempotency key on a lead: unacknowledged, and not retried (a retry could store it twice).
            }
          } else {
            String key = kill.name().toLowerCase() + "-" + worker + "-" + i + "-" + UUID.randomUUID();
            String body = "{\"amount\":" + (1000 + i) + ",\"currency\":\"EUR\",\"paymentMethod\":\"" + CARD + "\",\"reference\":\"" + key + "\"}";
            try {
              HttpResponse<String> reply = send(server, apiKey, "POST", "/api/v1/payments", body, key);
              if (reply.statusCode() / 100 == 2) {
                payments.add(new PaymentWrite(key, body, JSON.readTree(reply.body()).path("paymentId").asText()));
              } else {
                cutOff.add(new PaymentWrite(key, body, null));
              }
            } catch (IOException cutByTheKill) {
              cutOff.add(new PaymentWrite(key, body, null));
            }
          }
        }
        return null;
      }));
    }
    Thread.sleep(LOAD_BEFORE_KILL.toMillis());
    ProcessHandle postmaster = currentPostmaster(server).orElseThrow(() -> new AssertionError("no postmaster.pid while the server runs"));
    postmasters.add(postmaster);
    switch (kill) {
      case JVM_ALONE -> {
        server.kill();
        assertThat(running(postmaster)).as("PostgreSQL outlives its JVM (the orphan the next start must deal with)").isTrue();
      }
      case JVM_AND_POSTGRESQL -> {
        List<ProcessHandle> backends = postmaster.descendants().toList();
        postmaster.destroyForcibly();
        backends.forEach(ProcessHandle::destroyForcibly);
        server.kill();
        awaitEnded(postmaster);
      }
    }
    killed.set(true);
    for (Future<?> worker : workers) {
      worker.get(60, TimeUnit.SECONDS);
    }
    pool.shutdownNow();
    return List.copyOf(cutOff);
  }

  // ---- checks ----

  private void checkEveryAcknowledgedWrite(ServerProcess server, String apiKey, UUID tenantId, Instant endpointCreated,
      ConcurrentLinkedQueue<LeadWrite> leads, ConcurrentLinkedQueue<PaymentWrite> payments) throws Exception {
    assertThat(leads).as("leads acknowledged").isNotEmpty();
    assertThat(payments).as("payments acknowledged").isNotEmpty();
    try (Connection sql = DriverManager.getConnection(embeddedJdbcUrl(server), "postgres", "")) {
      Set<String> stored = new HashSet<>();
      try (PreparedStatement query = sql.prepareStatement("select id::text from crm_lead where tenant_id = ? and id = any(?)")) {
        Array ids = sql.createArrayOf("uuid", leads.stream().map(l -> UUID.fromString(l.id())).toArray());
        query.setObject(1, tenantId);
        query.setArray(2, ids);
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            stored.add(rows.getString(1));
          }
        }
      }
      List<LeadWrite> lost = leads.stream().filter(l -> !stored.contains(l.id())).toList();
      assertThat(lost).as("acknowledged leads lost").isEmpty();
      for (PaymentWrite payment : payments) {
        assertThat(pay(server, apiKey, payment.key(), payment.body())).as("replay of Idempotency-Key " + payment.key()).isEqualTo(payment.paymentId());
        assertThat(count(sql, "select count(*) from payment where tenant_id = ? and merchant_reference = ?", tenantId, payment.key()))
            .as("payments stored for key " + payment.key()).isEqualTo(1);
      }
      // Every event since the endpoint exists, before and after the kill, reaches the receiver.
      List<String> undelivered = Eventually.waiting(SETTLE_BUDGET, "every outbox event delivered").every(Duration.ofMillis(500))
          .lastReading(() -> undelivered(sql, tenantId, endpointCreated), List::isEmpty);
      assertThat(undelivered).as(() -> "outbox events never delivered\n" + server.logLines("webhooks|WARN|ERROR", 15)).isEmpty();
    }
  }

  private List<String> undelivered(Connection sql, UUID tenantId, Instant since) throws SQLException {
    List<String> missing = new ArrayList<>();
    try (PreparedStatement query = sql.prepareStatement("select id::text from bizo_outbox where tenant_id = ? and recorded_at >= ?")) {
      query.setObject(1, tenantId);
      query.setTimestamp(2, Timestamp.from(since));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          if (!received.containsKey(rows.getString(1))) {
            missing.add(rows.getString(1));
          }
        }
      }
    }
    return missing;
  }

  /** POSTs a payment with its key until it is answered 2xx (409 while a cut-off first request is settled); its id. */
  private String pay(ServerProcess server, String apiKey, String key, String body) throws Exception {
    Answer answered = Eventually.waiting(SETTLE_BUDGET, "payment " + key + " answered 2xx")
        .backingOff(Duration.ofMillis(200), Duration.ofSeconds(2))
        .until(() -> {
          HttpResponse<String> reply = send(server, apiKey, "POST", "/api/v1/payments", body, key);
          if (reply.statusCode() / 100 != 2) {
            assertThat(reply.statusCode()).as("payment " + key + ": " + reply.body()).isIn(409, 500, 503);
          }
          return new Answer(reply.statusCode(), reply.body());
        }, answer -> answer.status() / 100 == 2);
    return JSON.readTree(answered.body()).path("paymentId").asText();
  }

  /** A payment request's status and body, as the timeout's message quotes the last one. */
  record Answer(int status, String body) {
    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  // ---- the embedded cluster ----

  private static Path cluster(ServerProcess server) {
    return server.dataDir().resolve("postgres");
  }

  private static Optional<ProcessHandle> currentPostmaster(ServerProcess server) throws IOException {
    Path pidFile = cluster(server).resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    return ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()));
  }

  /** The superuser's URL of the running cluster, from the port PostgreSQL wrote to postmaster.pid (line 4). */
  private static String embeddedJdbcUrl(ServerProcess server) throws IOException {
    List<String> pidFile = Files.readAllLines(cluster(server).resolve("postmaster.pid"));
    return "jdbc:postgresql://localhost:" + pidFile.get(3).trim() + "/postgres";
  }

  /** Alive and not a zombie (an ended process its parent, not this JVM, has not reaped yet). */
  private static boolean running(ProcessHandle process) {
    if (!process.isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (IOException gone) {
      return false;
    }
  }

  private static void awaitEnded(ProcessHandle process) throws InterruptedException {
    boolean running = Eventually.waiting(Duration.ofSeconds(30), "pid " + process.pid() + " ends").every(Duration.ofMillis(50))
        .lastReading(() -> running(process), stillRunning -> !stillRunning);
    assertThat(running).as("pid " + process.pid() + " ended by SIGKILL").isFalse();
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
    request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode postJson(ServerProcess target, String bearer, String path, String json, int expected) throws IOException, InterruptedException {
    HttpResponse<String> reply = send(target, bearer, "POST", path, json, null);
    assertThat(reply.statusCode()).as("POST " + path + ": " + reply.body()).isEqualTo(expected);
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

  /** The boot check /health/ready reports, or null while it has none or the management interface is not open yet. */
  private static JsonNode bootCheck(ServerProcess server) throws InterruptedException {
    try {
      return check(JSON.readTree(server.get(server.management(ServerFacts.READY_PATH)).body()), "boot");
    } catch (IOException notListeningYet) {
      // The management interface opens a few seconds into the boot.
      return null;
    }
  }

  private static JsonNode check(JsonNode health, String name) {
    for (JsonNode check : health.path("checks")) {
      if (name.equals(check.path("name").asText())) {
        return check;
      }
    }
    return null;
  }

  // ---- setup ----

  private static Path bootableJar() throws IOException {
    Path jar = Path.of(System.getProperty("bizo.server.jar", ServerFacts.serverDir().resolve("target/bizo-server-bootable.jar").toString()));
    assumeTrue(Files.isRegularFile(jar) && Files.size(jar) > 1_000_000,
        "no bootable jar at " + jar + ": build reference-server first (the reactor does); the kill test did NOT run");
    return jar;
  }

  /** The ENTRYPOINT's JVM flags (between "java" and "-jar"), minus the tmpdir the test gives the server. */
  private static List<String> containerJvmFlags() {
    List<String> entrypoint = Containerfile.read(ServerFacts.serverDir().resolve("Containerfile")).runtime()
        .last("ENTRYPOINT").orElseThrow().execForm().orElseThrow();
    return entrypoint.subList(1, entrypoint.indexOf("-jar")).stream().filter(f -> !f.startsWith("-Djava.io.tmpdir=")).toList();
  }

  private static long count(Connection sql, String query, Object... parameters) throws SQLException {
    try (PreparedStatement statement = sql.prepareStatement(query)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private interface IoSupplier<T> {
    T get() throws IOException;
  }

  private static <T> T unchecked(IoSupplier<T> read) {
    try {
      return read.get();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> lines(Path log) throws IOException {
    try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
      return lines.toList();
    }
  }

}
