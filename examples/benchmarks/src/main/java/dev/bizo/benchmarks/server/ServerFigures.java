package dev.bizo.benchmarks.server;

import dev.bizo.benchmarks.BenchmarkSuite;
import dev.bizo.benchmarks.Figure;
import dev.bizo.benchmarks.Measurement;
import dev.bizo.benchmarks.Percentiles;
import dev.bizo.benchmarks.Report;
import dev.bizo.benchmarks.SuiteSize;
import dev.bizo.core.Ids;
import dev.bizo.core.http.OutboundHttp;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The figures of the reference server's bootable jar, run as a separate process on loopback, as an operator
 * runs it: {@code java -jar bizo-server-bootable.jar} on the embedded PostgreSQL default, in a fresh
 * temporary {@code BIZO_DATA_DIR}.
 *
 * <p>Both jars run with the JVM flags the server ships with ({@link ServerJvmFlags#SHIPPED}); the server's
 * also maps the class archive its build wrote beside it ({@link ServerJvmFlags#forJar}), as its run command
 * does. The bare WildFly has no archive: it is the reference for what a plain bootable jar costs.
 *
 * <ul>
 *   <li>{@code server-jar-size}: the bootable jar in MiB, beside the bare WildFly bootable jar with the same Galleon
 *       layers holding a trivial WAR ({@code target/bare-wildfly-bootable.jar}, built by this module).
 *       {@code server-war-jars}: the jars in the server WAR's {@code WEB-INF/lib} (each one WildFly indexes at
 *       deployment), beside the jars of the bare WildFly's own JBoss modules.</li>
 *   <li>{@code server-cold-start}: process start to {@code /health/ready} UP with the server's own checks (a
 *       first start: initdb of the embedded PostgreSQL and every migration included), beside the same for the
 *       bare WildFly. Median of the starts; the two jars start alternately, the bare one first.
 *       {@code server-restart}: the same for a second start on the same data directory (after the ingest below
 *       in the last round), beside the bare WildFly's start.</li>
 *   <li>{@code server-rss-at-ready}: {@code VmRSS} of the server's JVM when it is first ready, beside the bare
 *       WildFly's when ready.</li>
 *   <li>{@code rest-lead-ingest}: leads created per second by 32 clients, each POSTing {@code /api/v1/leads}
 *       (with an API key) as soon as its previous lead is answered 201, beside raw JDBC single-row inserts of
 *       the same rows into the same table of the same database by 32 threads (autocommit, the superuser of
 *       the embedded cluster). {@code rest-lead-ingest-p99}: the 99th percentile of the REST latency beside
 *       that of the inserts. Blocks alternate REST, JDBC, JDBC, REST after a warm-up of both.</li>
 *   <li>{@code server-cpu-per-lead}: CPU time of the server's JVM per lead created in those REST blocks, beside the
 *       bare WildFly's per {@code POST /echo} of the same bodies by the same clients (JSON-B both ways, 201, no
 *       authentication, no database): the framework's own floor on this machine.</li>
 *   <li>{@code server-rss-under-load}: the highest {@code VmRSS} of the server's JVM sampled every 100 ms
 *       during the REST blocks, beside its {@code VmRSS} once ready (before any request).
 *       {@code server-peak-rss}: its {@code VmHWM} after the load, beside the bare WildFly's {@code VmHWM}
 *       once ready. The embedded PostgreSQL runs in child processes, not counted (a note gives their sum).</li>
 * </ul>
 *
 * <p>The server's background rescoring and indexing job ({@code BIZO_CRM_INTERVAL}) is parked for an hour so
 * the ingest figures measure the request path: embedding each new lead in the background costs about 18 ms
 * of CPU here, which would otherwise compete with the load for the machine's cores. For the same reason the
 * load starts once the search model, which loads in the background after ready, has loaded: steady state, the
 * model's native memory included in the RSS figures. The request limits are raised out of reach: the limiter
 * still runs on every request, but a 429 would measure the limit, not the server.
 */
public final class ServerFigures implements Measurement {

  /** The property naming the server's bootable jar, as in the reference server's integration tests. */
  public static final String SERVER_JAR_PROPERTY = "bizo.server.jar";
  /** The property naming the bare WildFly bootable jar. */
  public static final String BARE_JAR_PROPERTY = "bizo.bare.jar";
  /**
   * The property adding JVM flags to the server's (not the bare WildFly's), space-separated, e.g. to profile
   * the ingest: {@code -Dbizo.server.extra-flags=-XX:StartFlightRecording=filename=/tmp/ingest.jfr,settings=profile}.
   * The report notes them, since they change what is measured.
   */
  public static final String EXTRA_FLAGS_PROPERTY = "bizo.server.extra-flags";

  private static final String SERVER_JAR = "bizo-server-bootable.jar";
  private static final String BARE_JAR = "bare-wildfly-bootable.jar";
  private static final String BUILD_HINT =
      "build it from the repository root with ./mvnw -B -pl examples/benchmarks -am package -DskipTests"
          + " (or ./mvnw -B -pl reference-server -am package -DskipTests), or name it with --server-jar=PATH or -D"
          + SERVER_JAR_PROPERTY + "=PATH";
  private static final String PASSWORD = "correct horse battery staple";
  private static final int CLIENTS = 32;
  private static final double MIB = 1024.0 * 1024.0;

  private final Optional<Path> serverJar;
  private final Optional<Path> bareJar;

  /** The jars given on the command line, if any; otherwise they are looked for (see {@link #run}). */
  public ServerFigures(Optional<Path> serverJar, Optional<Path> bareJar) {
    this.serverJar = serverJar;
    this.bareJar = bareJar;
  }

  @Override
  public String name() {
    return "server";
  }

  @Override
  public Duration bound(SuiteSize size) {
    return Duration.ofSeconds(size.ints(300, 600, 1_500));
  }

  @Override
  public void run(SuiteSize size, Report report) throws Exception {
    Path server = locateServerJar();
    Path bare = locateBareJar();
    int starts = size.ints(1, 1, 3);
    double warmSeconds = size.doubles(1, 5, 10);
    double blockSeconds = size.doubles(1, 5, 15);
    Path logs = Files.createTempDirectory("bizo-bench-logs");
    List<String> flags = new ArrayList<>(ServerJvmFlags.forJar(server));
    List.of(System.getProperty(EXTRA_FLAGS_PROPERTY, "").trim().split("\\s+")).stream().filter(f -> !f.isEmpty()).forEach(flags::add);
    List<String> bareFlags = ServerJvmFlags.SHIPPED;
    report.note("server: jar " + server + ", bare WildFly " + bare + "; the server runs with its shipped JVM flags " + flags
        + ", the bare WildFly with " + bareFlags
        + "; logs in " + logs);
    JarContents serverContents = JarContents.of(server);
    JarContents bareContents = JarContents.of(bare);
    report.note(String.format(Locale.ROOT, "server: the server's WAR is %.1f MiB with %d jars in WEB-INF/lib; the bare WildFly ships"
            + " %d jars as JBoss modules", serverContents.warMib(), serverContents.warJars(), bareContents.moduleJars()));
    report.figure(Figure.of("server-jar-size", Files.size(server) / MIB, "MiB", Files.size(bare) / MIB));
    report.figure(new Figure("server-war-jars", serverContents.warJars(), "jars", bareContents.moduleJars(), "jars-in-wildfly-modules"));

    List<Double> bareStarts = new ArrayList<>();
    List<Double> serverStarts = new ArrayList<>();
    List<Double> serverRestarts = new ArrayList<>();
    List<Double> serverRss = new ArrayList<>();
    List<Double> bareRss = new ArrayList<>();
    long bareHwm = 0;
    EchoFloor bareEcho = null;
    for (int i = 0; i < starts; i++) {
      try (ServerProcess p = ServerProcess.start(bare, bareFlags, Map.of(), List.of(), "bare-application", logs.resolve("bare-" + i + ".log"),
          Duration.ofSeconds(180))) {
        bareStarts.add(p.coldStart().toMillis() / 1e3);
        bareRss.add(p.statusKib("VmRSS") / 1024.0);
        bareHwm = Math.max(bareHwm, p.statusKib("VmHWM"));
        if (i == starts - 1) {
          bareEcho = echoFloor(p, warmSeconds, blockSeconds, report);
        }
      }
      boolean last = i == starts - 1;
      Path dataDir = Files.createTempDirectory("bizo-bench-data", PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rwxr-xr-x")));
      int dbPort = ServerProcess.freePort();
      Map<String, String> env = new LinkedHashMap<>();
      env.put("BIZO_DATA_DIR", dataDir.toString());
      env.put("BIZO_EMBEDDED_DATABASE_PORT", Integer.toString(dbPort));
      env.put("BIZO_CRM_INTERVAL", "PT1H");
      // The ingest measures the request path, not the limits: the limiter still runs on every request, with budgets
      // that no load here reaches (32 clients with one API key would pass the default 6000 a minute).
      env.put("BIZO_API_RATE_LIMIT_PER_MINUTE", "1000000000");
      env.put("BIZO_TENANT_RATE_LIMIT_PER_MINUTE", "1000000000");
      try {
        try (ServerProcess p = ServerProcess.start(server, flags, env, List.of(), "data-directory", logs.resolve("server-" + i + ".log"),
            Duration.ofSeconds(240))) {
          serverStarts.add(p.coldStart().toMillis() / 1e3);
          serverRss.add(p.statusKib("VmRSS") / 1024.0);
          if (last) {
            report.note(String.format(Locale.ROOT, "server: cold starts (s): server %s, bare WildFly %s; RSS at ready (MiB): server %s,"
                + " bare WildFly %s; load average %s", serverStarts, bareStarts, serverRss, bareRss, loadAverage()));
            report.figure(Figure.of("server-cold-start", median(serverStarts), "s", median(bareStarts)));
            report.figure(Figure.of("server-rss-at-ready", median(serverRss), "MiB", median(bareRss)));
            ingest(p, dataDir, dbPort, warmSeconds, blockSeconds, bareHwm, bareEcho, report);
          }
        }
        ServerProcess.killCompanions(dataDir);
        // A restart: the same data directory, its cluster initialised and migrated, the leads of the ingest in it.
        try (ServerProcess p = ServerProcess.start(server, flags, env, List.of(), "data-directory", logs.resolve("server-restart-" + i + ".log"),
            Duration.ofSeconds(240))) {
          serverRestarts.add(p.coldStart().toMillis() / 1e3);
        }
        if (last) {
          report.note(String.format(Locale.ROOT, "server: restarts on the same data directory (s): %s; load average %s", serverRestarts,
              loadAverage()));
          report.figure(Figure.of("server-restart", median(serverRestarts), "s", median(bareStarts)));
        }
      } finally {
        ServerProcess.killCompanions(dataDir);
        deleteRecursively(dataDir);
      }
    }
  }

  /** The bare WildFly's JSON round trip: CPU per request and latency, the floor under the server's per-lead figures. */
  record EchoFloor(double cpuMsPerRequest, double perSecond, double p99Ms) {}

  /**
   * The bare WildFly's {@code POST /echo} (JSON-B in, 201 and JSON-B out, nothing else) by the same 32 clients
   * with the same bodies and blocks as the ingest: what the framework alone costs per request on this machine.
   */
  private static EchoFloor echoFloor(ServerProcess bare, double warmSeconds, double blockSeconds, Report report) throws Exception {
    HttpClient http = OutboundHttp.clientBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    URI echo = bare.http().resolve("/echo");
    AtomicLong sequence = new AtomicLong();
    String run = Long.toString(System.nanoTime(), 36);
    ConcurrentLoad.ClientFactory client = index -> (c, n) -> send(http, echo, null, leadJson(run, n), 201).status() == 201;
    ConcurrentLoad.run(CLIENTS, warmSeconds, client, sequence);
    long cpu0 = bare.cpuMillis();
    LoadResult result = ConcurrentLoad.run(CLIENTS, blockSeconds, client, sequence)
        .plus(ConcurrentLoad.run(CLIENTS, blockSeconds, client, sequence));
    long cpu = bare.cpuMillis() - cpu0;
    EchoFloor floor = new EchoFloor((double) cpu / result.writes(), result.perSecond(), result.latency().at(99));
    report.note(String.format(Locale.ROOT,
        "server: bare WildFly POST /echo (JSON-B both ways, no auth, no database) by %d clients, 2 blocks of %.0f s after %.0f s"
            + " warm-up: %d requests, %.0f/s, p99 %.1f ms, %d errors; its JVM CPU %.2f ms per request",
        CLIENTS, blockSeconds, warmSeconds, result.writes(), floor.perSecond(), floor.p99Ms(), result.errors(), floor.cpuMsPerRequest()));
    return floor;
  }

  private void ingest(ServerProcess server, Path dataDir, int dbPort, double warmSeconds, double blockSeconds, long bareHwm,
      EchoFloor bareEcho, Report report) throws Exception {
    long rssAtReady = server.statusKib("VmRSS");
    Duration modelWait = server.awaitSearchModel(Duration.ofSeconds(120));
    HttpClient http = OutboundHttp.clientBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    URI base = server.http();
    String slug = "bench" + Long.toString(System.nanoTime(), 36);
    Reply signup = post(http, base.resolve("/api/v1/tenants"), null,
        "{\"tenantName\":\"Ingest bench\",\"slug\":\"" + slug + "\",\"ownerEmail\":\"owner@" + slug + ".test\",\"password\":\""
            + PASSWORD + "\"}", 201);
    String tenantId = field(signup.body(), "tenantId");
    Reply token = post(http, base.resolve("/api/v1/auth/token"), null,
        "{\"slug\":\"" + slug + "\",\"email\":\"owner@" + slug + ".test\",\"password\":\"" + PASSWORD + "\"}", 200);
    Reply key = post(http, base.resolve("/api/v1/api-keys"), field(token.body(), "accessToken"),
        "{\"name\":\"ingest-bench\",\"scopes\":[\"data:read\",\"data:write\"]}", 201);
    String apiKey = field(key.body(), "key");
    URI leads = base.resolve("/api/v1/leads");
    String jdbcUrl = "jdbc:postgresql://localhost:" + dbPort + "/postgres";
    UUID tenant = UUID.fromString(tenantId);
    AtomicLong sequence = new AtomicLong();
    String run = Long.toString(System.nanoTime(), 36);

    ConcurrentLoad.ClientFactory rest = index -> (client, n) -> {
      Reply r = send(http, leads, apiKey, leadJson(run, n), 201);
      return r.status() == 201;
    };
    ConcurrentLoad.ClientFactory jdbc = index -> new JdbcClient(jdbcUrl, tenant, run);

    ConcurrentLoad.run(CLIENTS, warmSeconds, rest, sequence);
    ConcurrentLoad.run(CLIENTS, warmSeconds, jdbc, sequence);
    RssSampler sampler = new RssSampler(server);
    CpuSplit restCpu = new CpuSplit(server, dataDir);
    LoadResult restResult = restCpu.during(() -> sampler.during(() -> ConcurrentLoad.run(CLIENTS, blockSeconds, rest, sequence)));
    CpuSplit jdbcCpu = new CpuSplit(server, dataDir);
    LoadResult jdbcResult = jdbcCpu.during(() -> ConcurrentLoad.run(CLIENTS, blockSeconds, jdbc, sequence)
        .plus(ConcurrentLoad.run(CLIENTS, blockSeconds, jdbc, sequence)));
    restResult = restResult.plus(restCpu.during(() -> sampler.during(() -> ConcurrentLoad.run(CLIENTS, blockSeconds, rest, sequence))));
    long hwm = server.statusKib("VmHWM");
    long stored = countLeads(jdbcUrl, tenant);
    long expected = sequence.get() - restResult.errors() - jdbcResult.errors();

    Percentiles restLatency = restResult.latency();
    Percentiles jdbcLatency = jdbcResult.latency();
    report.note(String.format(Locale.ROOT,
        "server: ingest by %d clients once the search model had loaded (%.1f s after ready), blocks REST, JDBC, JDBC, REST of"
            + " %.0f s after %.0f s warm-up of each; REST %d leads"
            + " (p50 %.1f ms, %d errors; server JVM CPU %.1f ms per lead), JDBC %d rows (p50 %.2f ms); %d leads in the table,"
            + " %d written in all",
        CLIENTS, modelWait.toMillis() / 1000.0, blockSeconds, warmSeconds, restResult.writes(), restLatency.median(), restResult.errors(),
        restCpu.server / restResult.writes(), jdbcResult.writes(), jdbcLatency.median(), stored, expected));
    report.note(String.format(Locale.ROOT,
        "server: CPU per lead over the REST blocks (ms): server JVM %.2f, embedded PostgreSQL %.2f, the suite's clients %.2f;"
            + " per row over the JDBC blocks: server JVM %.2f, PostgreSQL %.2f, clients %.2f; 2 cores give %.0f ms of CPU per second",
        restCpu.server / restResult.writes(), restCpu.database / restResult.writes(), restCpu.clients / restResult.writes(),
        jdbcCpu.server / jdbcResult.writes(), jdbcCpu.database / jdbcResult.writes(), jdbcCpu.clients / jdbcResult.writes(),
        Runtime.getRuntime().availableProcessors() * 1000.0));
    if (stored < restResult.writes() + jdbcResult.writes()) {
      throw new IllegalStateException("fewer leads stored (" + stored + ") than acknowledged");
    }
    report.figure(new Figure("rest-lead-ingest", restResult.perSecond(), "leads/s", jdbcResult.perSecond(), "rows/s"));
    report.figure(Figure.of("rest-lead-ingest-p99", restLatency.at(99), "ms", jdbcLatency.at(99)));
    report.figure(Figure.of("server-cpu-per-lead", restCpu.server / restResult.writes(), "ms", bareEcho.cpuMsPerRequest()));
    report.note(String.format(Locale.ROOT,
        "server: RSS of the server JVM (KiB) at ready %d, highest under load %d, VmHWM %d; bare WildFly VmHWM %d;"
            + " embedded PostgreSQL processes' RSS now %d MiB (shared memory counted per process)",
        rssAtReady, sampler.highestKib(), hwm, bareHwm, ServerProcess.companionRssKib(dataDir) / 1024));
    report.figure(Figure.of("server-rss-under-load", sampler.highestKib() / 1024.0, "MiB", rssAtReady / 1024.0));
    report.figure(Figure.of("server-peak-rss", hwm / 1024.0, "MiB", bareHwm / 1024.0));
  }

  /** CPU time spent during load blocks by the server's JVM, its embedded PostgreSQL and this process (the clients). */
  private static final class CpuSplit {
    private final ServerProcess process;
    private final Path dataDir;
    double server;
    double database;
    double clients;

    CpuSplit(ServerProcess server, Path dataDir) {
      this.process = server;
      this.dataDir = dataDir;
    }

    LoadResult during(RssSampler.Load block) throws Exception {
      long s0 = process.cpuMillis();
      long d0 = ServerProcess.companionCpuMillis(dataDir);
      long c0 = ownCpuMillis();
      LoadResult result = block.run();
      server += process.cpuMillis() - s0;
      database += ServerProcess.companionCpuMillis(dataDir) - d0;
      clients += ownCpuMillis() - c0;
      return result;
    }

    private static long ownCpuMillis() {
      return ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
    }
  }

  private static String leadJson(String run, long n) {
    return "{\"name\":\"Ingest " + n + "\",\"email\":\"lead" + n + "-" + run + "@ingest.example\",\"company\":\"Company " + (n % 5000)
        + "\",\"jobTitle\":\"" + (n % 3 == 0 ? "CEO" : "Analyst") + "\",\"source\":\"" + (n % 2 == 0 ? "REFERRAL" : "WEBSITE") + "\"}";
  }

  /** Raw single-row inserts of the same leads as the REST clients send, on a connection of its own. */
  private static final class JdbcClient implements ConcurrentLoad.Client {
    private final Connection connection;
    private final PreparedStatement insert;
    private final UUID tenant;
    private final String run;

    JdbcClient(String url, UUID tenant, String run) throws Exception {
      this.connection = DriverManager.getConnection(url, "postgres", "");
      this.tenant = tenant;
      this.run = run;
      connection.setAutoCommit(true);
      insert = connection.prepareStatement(
          "insert into crm_lead (id, tenant_id, name, email, company, job_title, source, status, status_since, score, priority,"
              + " scored_at, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, 'NEW', ?, ?, ?, ?, ?, ?)");
    }

    @Override
    public boolean write(int client, long n) throws Exception {
      Timestamp now = Timestamp.from(Instant.now());
      insert.setObject(1, Ids.newUuid());
      insert.setObject(2, tenant);
      insert.setString(3, "Ingest " + n);
      insert.setString(4, "lead" + n + "-" + run + "@ingest.example");
      insert.setString(5, "Company " + (n % 5000));
      insert.setString(6, n % 3 == 0 ? "CEO" : "Analyst");
      insert.setString(7, n % 2 == 0 ? "REFERRAL" : "WEBSITE");
      insert.setTimestamp(8, now);
      insert.setInt(9, 70);
      insert.setString(10, "WARM");
      insert.setTimestamp(11, now);
      insert.setTimestamp(12, now);
      insert.setTimestamp(13, now);
      return insert.executeUpdate() == 1;
    }

    @Override
    public void close() throws Exception {
      connection.close();
    }
  }

  /** Samples the server JVM's VmRSS every 100 ms while a load runs, keeping the highest. */
  private static final class RssSampler {
    private final ServerProcess server;
    private long highest;

    RssSampler(ServerProcess server) {
      this.server = server;
    }

    interface Load {
      LoadResult run() throws Exception;
    }

    LoadResult during(Load load) throws Exception {
      AtomicBoolean running = new AtomicBoolean(true);
      long[] max = {0};
      Thread t = new Thread(() -> {
        while (running.get()) {
          try {
            max[0] = Math.max(max[0], server.statusKib("VmRSS"));
            Thread.sleep(100);
          } catch (IOException | RuntimeException e) {
            return;
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "rss-sampler");
      t.setDaemon(true);
      t.start();
      try {
        return load.run();
      } finally {
        running.set(false);
        t.join();
        highest = Math.max(highest, max[0]);
      }
    }

    long highestKib() {
      return highest;
    }
  }

  private static long countLeads(String url, UUID tenant) throws Exception {
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        PreparedStatement p = c.prepareStatement("select count(*) from crm_lead where tenant_id = ?")) {
      p.setObject(1, tenant);
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  record Reply(int status, String body) {}

  private static Reply post(HttpClient http, URI uri, String bearer, String json, int expected) throws Exception {
    return send(http, uri, bearer, json, expected);
  }

  private static Reply send(HttpClient http, URI uri, String bearer, String json, int expected) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != expected) {
      String body = response.body();
      throw new IllegalStateException("POST " + uri.getPath() + " answered " + response.statusCode() + ", expected " + expected + ": "
          + body.substring(0, Math.min(300, body.length())));
    }
    return new Reply(response.statusCode(), response.body());
  }

  /** A top-level string field of a JSON object (the replies parsed here are flat and known). */
  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no \"" + name + "\" in " + json);
    }
    return m.group(1);
  }

  /** The 1, 5 and 15 minute load averages: the machine may be shared, and start times follow its load. */
  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  private static double median(List<Double> values) {
    return Percentiles.of(values.stream().mapToDouble(Double::doubleValue).toArray()).median();
  }

  private Path locateServerJar() {
    List<Path> tried = new ArrayList<>();
    Optional<Path> given = serverJar.or(() -> Optional.ofNullable(System.getProperty(SERVER_JAR_PROPERTY)).map(Path::of));
    if (given.isPresent()) {
      if (Files.isRegularFile(given.get())) {
        return given.get();
      }
      throw new IllegalStateException("The reference server's bootable jar " + given.get() + " does not exist: " + BUILD_HINT);
    }
    for (Path root : searchRoots()) {
      for (Path dir = root; dir != null; dir = dir.getParent()) {
        Path candidate = dir.resolve("reference-server").resolve("target").resolve(SERVER_JAR);
        tried.add(candidate);
        if (Files.isRegularFile(candidate)) {
          return candidate;
        }
      }
    }
    throw new IllegalStateException("The reference server's bootable jar " + SERVER_JAR + " was not found (looked for "
        + "reference-server/target/" + SERVER_JAR + " above " + searchRoots() + "): " + BUILD_HINT);
  }

  private Path locateBareJar() {
    Optional<Path> given = bareJar.or(() -> Optional.ofNullable(System.getProperty(BARE_JAR_PROPERTY)).map(Path::of));
    if (given.isPresent()) {
      if (Files.isRegularFile(given.get())) {
        return given.get();
      }
      throw new IllegalStateException("The bare WildFly bootable jar " + given.get() + " does not exist");
    }
    Path code = codeLocation();
    // target/bizo-benchmarks-*.jar or target/classes: the bare jar is built into target/
    for (Path dir : List.of(code.getParent(), code)) {
      Path candidate = dir.resolve(BARE_JAR);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("The bare WildFly bootable jar " + BARE_JAR + " was not found beside " + code
        + ": build it with ./mvnw -B -pl examples/benchmarks -am package -DskipTests, or name it with --bare-jar=PATH");
  }

  private static List<Path> searchRoots() {
    return List.of(codeLocation(), Path.of("").toAbsolutePath());
  }

  private static Path codeLocation() {
    try {
      return Path.of(BenchmarkSuite.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteRecursively(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("benchmarks: could not delete " + root + ": " + e);
    }
  }
}
