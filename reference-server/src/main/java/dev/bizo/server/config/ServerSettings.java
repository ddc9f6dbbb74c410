package dev.bizo.server.config;

import dev.bizo.core.config.Setting;
import java.time.Duration;

/** The server's own settings; the SDK modules declare theirs next to their code. */
public final class ServerSettings {

  private ServerSettings() {}

  /** HTTP port ({@code BIZO_HTTP_PORT}); applied by the server's socket binding, reported here. */
  public static final Setting<Integer> HTTP_PORT = Setting.integer("bizo.http.port").defaultValue(8080).build();

  /** Where embedded state lives ({@code BIZO_DATA_DIR}): the embedded database, the generated master key. */
  public static final Setting<String> DATA_DIR = Setting.string("bizo.data-dir").defaultValue("./bizo-data").build();

  /** Database URL ({@code BIZO_DATABASE_URL}); absent means the embedded PostgreSQL. */
  public static final Setting<String> DATABASE_URL = Setting.string("bizo.database.url").build();

  /** Owner role of the configured database ({@code BIZO_DATABASE_USER}); runs the migrations. */
  public static final Setting<String> DATABASE_USER = Setting.string("bizo.database.user").build();

  /** Password of the owner role ({@code BIZO_DATABASE_PASSWORD}). */
  public static final Setting<String> DATABASE_PASSWORD = Setting.string("bizo.database.password").secret().build();

  /** The application role the pool connects as ({@code BIZO_DATABASE_APP_USER}); created when missing. */
  public static final Setting<String> DATABASE_APP_USER =
      Setting.string("bizo.database.app-user").defaultValue("bizo_app").build();

  /**
   * Password of the application role ({@code BIZO_DATABASE_APP_PASSWORD}); required with
   * {@code BIZO_DATABASE_URL}. The embedded database generates one per start.
   */
  public static final Setting<String> DATABASE_APP_PASSWORD = Setting.string("bizo.database.app-password").secret().build();

  /** Pool size of the application role ({@code BIZO_DATABASE_POOL_SIZE}). */
  public static final Setting<Integer> DATABASE_POOL_SIZE = Setting.integer("bizo.database.pool-size").defaultValue(10).build();

  /** Port of the embedded PostgreSQL ({@code BIZO_EMBEDDED_DATABASE_PORT}); 0 picks a free port. */
  public static final Setting<Integer> EMBEDDED_DATABASE_PORT =
      Setting.integer("bizo.embedded-database.port").defaultValue(0).build();

  /** OpenAI-compatible LLM endpoint ({@code BIZO_LLM_BASE_URL}); absent means agents run offline. */
  public static final Setting<String> LLM_BASE_URL = Setting.string("bizo.llm.base-url").build();

  /** Gateway new payments use unless the request names one ({@code BIZO_PAYMENTS_DEFAULT_GATEWAY}). */
  public static final Setting<String> PAYMENTS_DEFAULT_GATEWAY =
      Setting.string("bizo.payments.default-gateway").defaultValue("simulator").build();

  /**
   * Waits between reconciliation attempts of an UNKNOWN or PENDING transaction, comma-separated ISO-8601
   * durations ({@code BIZO_PAYMENTS_RECONCILE_DELAYS}); absent means the standard schedule (1 min, 5 min, 1 h, days).
   */
  public static final Setting<String> PAYMENTS_RECONCILE_DELAYS = Setting.string("bizo.payments.reconcile-delays").build();

  /** How often the reconciliation job runs ({@code BIZO_PAYMENTS_RECONCILE_INTERVAL}). */
  public static final Setting<Duration> PAYMENTS_RECONCILE_INTERVAL =
      Setting.duration("bizo.payments.reconcile-interval").defaultValue(Duration.ofSeconds(30)).build();

  /**
   * How long a payment request waits for the answer of an earlier request with the same {@code Idempotency-Key}
   * that is still working before it is answered 503 {@code idempotency.in_progress} ({@code
   * BIZO_PAYMENTS_DUPLICATE_WAIT}). Short, so a client's own time-out (often 30 s) is never reached first; a
   * request cut off by a crash stays in progress until reconciliation settles it.
   */
  public static final Setting<Duration> PAYMENTS_DUPLICATE_WAIT =
      Setting.duration("bizo.payments.duplicate-wait").defaultValue(Duration.ofSeconds(5)).build();

  /** Currency of the revenue figures agents report ({@code BIZO_REPORTING_CURRENCY}). */
  public static final Setting<String> REPORTING_CURRENCY = Setting.string("bizo.reporting-currency").defaultValue("EUR").build();

  /**
   * How often due webhook deliveries are sent for every tenant ({@code BIZO_WEBHOOKS_DELIVERY_INTERVAL}): the
   * safety net, since a committed event wakes its tenant's delivery at once (PostgreSQL NOTIFY).
   */
  public static final Setting<Duration> WEBHOOKS_DELIVERY_INTERVAL =
      Setting.duration("bizo.webhooks.delivery-interval").defaultValue(Duration.ofSeconds(5)).build();

  /** How often background jobs re-read the list of active tenants ({@code BIZO_JOBS_TENANTS_REFRESH}). */
  public static final Setting<Duration> JOBS_TENANTS_REFRESH =
      Setting.duration("bizo.jobs.tenants-refresh").defaultValue(Duration.ofSeconds(30)).build();

  /**
   * How often a replica proves its running jobs alive ({@code BIZO_JOBS_HEARTBEAT_INTERVAL}); a job left
   * running by a replica that missed 6 heartbeats (killed mid-run) is taken over by another replica.
   */
  public static final Setting<Duration> JOBS_HEARTBEAT_INTERVAL =
      Setting.duration("bizo.jobs.heartbeat-interval").defaultValue(Duration.ofSeconds(10)).build();

  /** How often leads are rescored and embedded in the background ({@code BIZO_CRM_INTERVAL}). */
  public static final Setting<Duration> CRM_INTERVAL = Setting.duration("bizo.crm.interval").defaultValue(Duration.ofSeconds(10)).build();

  /**
   * How long after startup the search model starts loading in the background ({@code
   * BIZO_SEARCH_PRELOAD_DELAY}); readiness never waits for it, and the first search, brand note or pending
   * lead loads it earlier. Searches made while it loads are answered 503 {@code search.model_loading}.
   */
  public static final Setting<Duration> SEARCH_PRELOAD_DELAY =
      Setting.duration("bizo.search.preload-delay").defaultValue(Duration.ofSeconds(10)).build();
}
