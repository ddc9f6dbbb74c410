package dev.bizo.webhooks;

import dev.bizo.core.ConflictException;
import dev.bizo.core.ForbiddenException;
import dev.bizo.core.NotFoundException;
import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.core.config.BizoConfig;
import dev.bizo.core.config.Setting;
import dev.bizo.core.http.SsrfGuard;
import dev.bizo.tenancy.Permission;
import dev.bizo.tenancy.Principal;
import dev.bizo.tenancy.SecretValue;
import dev.bizo.tenancy.TenantSecrets;
import dev.bizo.tenancy.Transactions;
import dev.bizo.webhooks.internal.WebhookTables;
import dev.bizo.webhooks.spi.WebhookTransport;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tenant's webhook endpoints and the outbox-driven delivery of domain events to them, stored in
 * PostgreSQL under row-level security (tables of {@link WebhooksPersistence#MODULE}).
 *
 * <pre>{@code
 * WebhookEndpoints webhooks = WebhookEndpoints.builder(db.transactions(), tenantSecrets).build();
 * RegisteredEndpoint ep = webhooks.register(principal,
 *     EndpointRegistration.of(URI.create("https://n8n.example.com/webhook/bizo"), "lead.created")
 *         .withStaticHeader("X-N8N-Auth", token));
 * show(ep.secret().encoded());                       // whsec_..., shown once
 * jobs.perTenant("webhooks.deliver", Duration.ofSeconds(10), t -> webhooks.deliverDue(t, 100));
 * }</pre>
 *
 * <p><b>Delivery.</b> {@link #deliverDue} first turns outbox events recorded since an endpoint was
 * registered into deliveries (one per subscribed endpoint), then makes the attempts that are due, following
 * Standard Webhooks: headers {@code webhook-id} (the event id, the same on every retry),
 * {@code webhook-timestamp} and {@code webhook-signature} ({@code v1,} + base64 HMAC-SHA256 of
 * {@code id.timestamp.body}), the optional static header, and the body
 * {@code {"type":..., "timestamp":..., "data":<event payload>}}. The {@link DeliveryPolicy} judges each
 * answer: 2xx delivers, 410 Gone disables the endpoint, 408/429/5xx and network errors are retried with
 * exponential backoff and jitter over about three days, and every attempt is logged.
 *
 * <p><b>Replicas.</b> Several processes may call {@link #deliverDue} for the same tenant at once: creating a
 * delivery is idempotent (a unique key per endpoint and event), and each attempt is claimed with
 * {@code FOR UPDATE SKIP LOCKED} and a lease before the request is sent, so each attempt is sent once. A
 * process that dies between sending and recording leaves the lease to expire, and the attempt is made again:
 * delivery is at least once, and receivers de-duplicate by {@code webhook-id}.
 *
 * <p><b>Secrets.</b> The {@code whsec_} secret and the static header's value are stored encrypted through
 * {@link TenantSecrets} and are returned only once, by {@link #register}. Managing endpoints needs
 * {@link Permission#SECRETS_MANAGE}; reading the log needs {@link Permission#DATA_READ}; redelivering
 * needs {@link Permission#DATA_WRITE}.
 *
 * <p>Thread-safe.
 */
public final class WebhookEndpoints {

  /**
   * Hosts that endpoint URLs may name even though they resolve to loopback or private addresses,
   * comma-separated (e.g. {@code 127.0.0.1,localhost} for development). Empty by default: such URLs are refused.
   */
  public static final Setting<String> ALLOWED_HOSTS = Setting.string("bizo.webhooks.allowed-hosts").build();

  private static final Logger LOG = LoggerFactory.getLogger(WebhookEndpoints.class);
  private static final Duration LEASE_MARGIN = Duration.ofMinutes(1);
  private static final String BACKLOG_REASON = "webhook delivery backlog for health";

  private final Transactions tx;
  private final TenantSecrets secrets;
  private final Clock clock;
  private final RandomGenerator random;
  private final DeliveryPolicy policy;
  private final SsrfGuard guard;
  private final WebhookTransport sender;

  private WebhookEndpoints(Builder b) {
    this.tx = b.tx;
    this.secrets = b.secrets;
    this.clock = b.clock;
    this.random = b.random;
    this.policy = b.policy;
    this.guard = b.guard;
    this.sender = b.transport.orElseGet(() -> new WebhookSender(guard, policy.attemptTimeout()));
  }

  /**
   * Starts a builder.
   *
   * @param tx the transactions of a database migrated with {@link WebhooksPersistence#modules()}
   * @param secrets where signing secrets and static header values are sealed
   * @return the builder
   */
  public static Builder builder(Transactions tx, TenantSecrets secrets) {
    return new Builder(tx, secrets);
  }

  /**
   * Registers an endpoint for the principal's tenant and returns it with its new signing secret.
   *
   * @param actor who registers; needs {@link Permission#SECRETS_MANAGE}
   * @param registration the URL, event types and optional static header
   * @return the endpoint and its secret, shown this once
   * @throws ValidationException {@code webhook.url_refused} when the SSRF guard refuses the URL (loopback,
   *     private, link-local... unless its host is in {@link #ALLOWED_HOSTS})
   */
  public RegisteredEndpoint register(Principal actor, EndpointRegistration registration) {
    actor.require(Permission.SECRETS_MANAGE);
    Objects.requireNonNull(registration, "registration");
    try {
      guard.check(registration.url());
    } catch (ForbiddenException refused) {
      throw new ValidationException("webhook.url_refused", refused.getMessage(),
          List.of(new ValidationException.FieldError("url", "url_refused", refused.getMessage())));
    }
    TenantId tenant = actor.tenant();
    UUID id = WebhookEndpointId.generate().value();
    WebhookSecret secret = WebhookSecret.generate();
    // Secrets first: an endpoint row never exists without its secret.
    secrets.put(actor, secretName(id), SecretValue.of(secret.encoded()));
    registration.staticHeader().ifPresent(h -> secrets.put(actor, headerName(id), SecretValue.of(h.value())));
    Instant now = now();
    WebhookTables.EndpointRow row = tx.inTenantJdbc(tenant, c -> {
      WebhookTables.insertEndpoint(c, tenant, id, registration.url(), registration.eventTypes(),
          registration.staticHeader().map(WebhookEndpoint.StaticHeader::name), now);
      return WebhookTables.endpoint(c, tenant, id).orElseThrow();
    });
    LOG.info("Webhook endpoint {} registered for tenant {} by {}", id, tenant, actor.subject());
    return new RegisteredEndpoint(row.info(), secret);
  }

  /**
   * The tenant's endpoints, oldest first.
   *
   * @param reader who reads; needs {@link Permission#DATA_READ}
   * @return the endpoints, without secrets
   */
  public List<WebhookEndpointInfo> list(Principal reader) {
    reader.require(Permission.DATA_READ);
    return tx.inTenantJdbc(reader.tenant(), c -> WebhookTables.endpoints(c, reader.tenant())).stream()
        .map(WebhookTables.EndpointRow::info).toList();
  }

  /**
   * One endpoint.
   *
   * @param reader who reads; needs {@link Permission#DATA_READ}
   * @param id the endpoint
   * @return the endpoint, or empty when the tenant has none with that id
   */
  public Optional<WebhookEndpointInfo> find(Principal reader, WebhookEndpointId id) {
    reader.require(Permission.DATA_READ);
    return tx.inTenantJdbc(reader.tenant(), c -> WebhookTables.endpoint(c, reader.tenant(), id.value()))
        .map(WebhookTables.EndpointRow::info);
  }

  /**
   * Stops delivering to an endpoint. Pending deliveries end as {@code ENDPOINT_DISABLED} when they come due.
   *
   * @param actor who disables; needs {@link Permission#SECRETS_MANAGE}
   * @param id the endpoint
   * @return the endpoint after the change
   * @throws NotFoundException {@code webhook_endpoint.not_found} when the tenant has no such endpoint
   */
  public WebhookEndpointInfo disable(Principal actor, WebhookEndpointId id) {
    return setEnabled(actor, id, false);
  }

  /**
   * Delivers to an endpoint again, for events recorded from now on (also after a 410 disabled it).
   *
   * @param actor who enables; needs {@link Permission#SECRETS_MANAGE}
   * @param id the endpoint
   * @return the endpoint after the change
   * @throws NotFoundException {@code webhook_endpoint.not_found} when the tenant has no such endpoint
   */
  public WebhookEndpointInfo enable(Principal actor, WebhookEndpointId id) {
    return setEnabled(actor, id, true);
  }

  private WebhookEndpointInfo setEnabled(Principal actor, WebhookEndpointId id, boolean enabled) {
    actor.require(Permission.SECRETS_MANAGE);
    TenantId tenant = actor.tenant();
    return tx.inTenantJdbc(tenant, c -> {
      if (!WebhookTables.setEnabled(c, tenant, id.value(), enabled, "manual")) {
        throw NotFoundException.of("webhook_endpoint", id.toString());
      }
      return WebhookTables.endpoint(c, tenant, id.value()).orElseThrow();
    }).info();
  }

  /**
   * Deletes an endpoint, its delivery log and its secrets.
   *
   * @param actor who deletes; needs {@link Permission#SECRETS_MANAGE}
   * @param id the endpoint
   * @return whether it existed
   */
  public boolean delete(Principal actor, WebhookEndpointId id) {
    actor.require(Permission.SECRETS_MANAGE);
    boolean existed = tx.inTenantJdbc(actor.tenant(), c -> WebhookTables.deleteEndpoint(c, actor.tenant(), id.value()));
    if (existed) {
      secrets.delete(actor, secretName(id.value()));
      secrets.delete(actor, headerName(id.value()));
    }
    return existed;
  }

  /**
   * The delivery log of an endpoint, newest first, each delivery with all its attempts.
   *
   * @param reader who reads; needs {@link Permission#DATA_READ}
   * @param id the endpoint
   * @param limit the most deliveries to return, 1 to 1000
   * @return the deliveries
   */
  public List<WebhookDeliveryRecord> deliveries(Principal reader, WebhookEndpointId id, int limit) {
    reader.require(Permission.DATA_READ);
    checkLimit(limit);
    return tx.inTenantJdbc(reader.tenant(), c -> WebhookTables.deliveries(c, reader.tenant(), id.value(), limit));
  }

  /**
   * One delivery with its attempts.
   *
   * @param reader who reads; needs {@link Permission#DATA_READ}
   * @param id the delivery
   * @return the delivery, or empty when the tenant has none with that id
   */
  public Optional<WebhookDeliveryRecord> delivery(Principal reader, WebhookDeliveryId id) {
    reader.require(Permission.DATA_READ);
    return tx.inTenantJdbc(reader.tenant(), c -> WebhookTables.delivery(c, reader.tenant(), id.value()));
  }

  /**
   * Manual redelivery: the delivery is due again now, whatever its status, and keeps its attempt log. The
   * next {@link #deliverDue} sends it; once the retry schedule is used up it gets exactly one more attempt.
   * A delivery whose attempt is under way right now is returned unchanged.
   *
   * @param actor who asks; needs {@link Permission#DATA_WRITE}
   * @param id the delivery
   * @return the delivery, now pending
   * @throws NotFoundException {@code webhook_delivery.not_found} when the tenant has no such delivery
   * @throws ConflictException {@code webhook.endpoint_disabled} when its endpoint is disabled
   */
  public WebhookDeliveryRecord redeliver(Principal actor, WebhookDeliveryId id) {
    actor.require(Permission.DATA_WRITE);
    TenantId tenant = actor.tenant();
    Instant now = now();
    return tx.inTenantJdbc(tenant, c -> {
      WebhookDeliveryRecord existing = WebhookTables.delivery(c, tenant, id.value())
          .orElseThrow(() -> NotFoundException.of("webhook_delivery", id.toString()));
      boolean enabled = WebhookTables.endpoint(c, tenant, existing.endpointId().value())
          .map(WebhookTables.EndpointRow::enabled).orElse(false);
      if (!enabled) {
        throw new ConflictException("webhook.endpoint_disabled",
            "endpoint " + existing.endpointId() + " is disabled; enable it before redelivering");
      }
      WebhookTables.redeliver(c, tenant, id.value(), now);
      return WebhookTables.delivery(c, tenant, id.value()).orElseThrow();
    });
  }

  /**
   * Delivers what is due for one tenant: creates deliveries for new outbox events, then makes up to
   * {@code limit} due attempts, one after another. Idempotent and safe to call from several replicas at
   * once; meant to be called periodically for every active tenant (e.g. by tenancy's {@code BackgroundJobs}).
   *
   * @param tenant the tenant
   * @param limit the most new deliveries to create and the most attempts to make, at least 1
   * @return what was done
   */
  public DeliveryRun deliverDue(TenantId tenant, int limit) {
    Objects.requireNonNull(tenant, "tenant");
    checkLimit(limit);
    int enqueued = tx.inTenantJdbc(tenant, c -> WebhookTables.fanOut(c, tenant, limit, now()));
    DeliveryRun run = new DeliveryRun(enqueued, 0, 0, 0, 0);
    Map<UUID, Optional<WebhookEndpoint>> endpoints = new HashMap<>();
    for (int i = 0; i < limit; i++) {
      Instant now = now();
      Optional<WebhookTables.Claimed> claimed = tx.inTenantJdbc(tenant,
          c -> WebhookTables.claimDue(c, tenant, now, now.plus(policy.attemptTimeout()).plus(LEASE_MARGIN)));
      if (claimed.isEmpty()) {
        break;
      }
      run = run.plus(attempt(tenant, claimed.get(), endpoints));
    }
    return run;
  }

  /**
   * The deliveries due now and not yet made, over all tenants, and how long the oldest has waited: for health
   * checks and lag gauges. Reads through the audited, read-only system scope (reason
   * "webhook delivery backlog for health") and counts only; no tenant data leaves the database.
   *
   * @return the backlog
   */
  public DeliveryBacklog deliveryBacklog() {
    return tx.asSystemJdbc(BACKLOG_REASON, WebhookTables::backlog);
  }

  private DeliveryRun attempt(TenantId tenant, WebhookTables.Claimed claimed,
      Map<UUID, Optional<WebhookEndpoint>> cache) {
    Optional<WebhookEndpoint> endpoint = cache.computeIfAbsent(claimed.endpointId(), id -> loadEndpoint(tenant, id));
    Instant at = now();
    if (endpoint.isEmpty() || !endpoint.get().enabled()) {
      tx.inTenantJdbc(tenant, c -> WebhookTables.recordAttempt(c, tenant, claimed, Optional.empty(),
          DeliveryState.Status.ENDPOINT_DISABLED, Optional.empty(), at));
      return new DeliveryRun(0, 0, 0, 0, 1);
    }
    WebhookMessage message = new WebhookMessage(claimed.eventId().toString(), claimed.eventType(),
        claimed.createdAt(), claimed.body());
    AttemptResponse response = sender.send(endpoint.get(), message, at, policy.attemptTimeout());
    DeliveryPolicy.Verdict verdict = policy.judge(response);
    DeliveryAttempt attempt = new DeliveryAttempt(claimed.attemptCount() + 1, at, response, verdict);
    DeliveryState.Status status;
    Optional<Instant> next = Optional.empty();
    switch (verdict) {
      case SUCCESS:
        status = DeliveryState.Status.DELIVERED;
        break;
      case DISABLE:
        status = DeliveryState.Status.ENDPOINT_DISABLED;
        break;
      case RETRY:
        next = policy.delayAfter(attempt.number(), random).map(d -> at.plus(d).truncatedTo(ChronoUnit.MICROS));
        status = next.isPresent() ? DeliveryState.Status.PENDING : DeliveryState.Status.FAILED;
        break;
      default:
        status = DeliveryState.Status.FAILED;
        break;
    }
    Optional<Instant> nextAttempt = next;
    boolean recorded = tx.inTenantJdbc(tenant, c -> {
      boolean kept = WebhookTables.recordAttempt(c, tenant, claimed, Optional.of(attempt), status, nextAttempt, at);
      if (kept && verdict == DeliveryPolicy.Verdict.DISABLE) {
        WebhookTables.setEnabled(c, tenant, claimed.endpointId(), false, "gone");
      }
      return kept;
    });
    if (!recorded) {
      LOG.warn("Webhook delivery {} changed hands while attempt {} was under way; its result was not recorded",
          claimed.id(), attempt.number());
    }
    if (verdict == DeliveryPolicy.Verdict.DISABLE) {
      cache.put(claimed.endpointId(), Optional.of(endpoint.get().disabled()));
      LOG.warn("Webhook endpoint {} of tenant {} answered 410 Gone and was disabled", claimed.endpointId(), tenant);
    }
    return new DeliveryRun(0, 1, status == DeliveryState.Status.DELIVERED ? 1 : 0,
        status == DeliveryState.Status.PENDING ? 1 : 0,
        status == DeliveryState.Status.FAILED || status == DeliveryState.Status.ENDPOINT_DISABLED ? 1 : 0);
  }

  private Optional<WebhookEndpoint> loadEndpoint(TenantId tenant, UUID id) {
    Optional<WebhookTables.EndpointRow> row = tx.inTenantJdbc(tenant, c -> WebhookTables.endpoint(c, tenant, id));
    if (row.isEmpty()) {
      return Optional.empty();
    }
    WebhookTables.EndpointRow r = row.get();
    Optional<SecretValue> secret = secrets.find(tenant, secretName(id));
    if (secret.isEmpty()) {
      LOG.error("Webhook endpoint {} of tenant {} has no signing secret; its deliveries end unsent", id, tenant);
      return Optional.empty();
    }
    Optional<WebhookEndpoint.StaticHeader> header = r.headerName().flatMap(name -> secrets.find(tenant, headerName(id))
        .map(value -> new WebhookEndpoint.StaticHeader(name, value.reveal())));
    return Optional.of(new WebhookEndpoint(id.toString(), r.url(), r.eventTypes(),
        WebhookSecret.parse(secret.get().reveal()), header, r.enabled()));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static void checkLimit(int limit) {
    if (limit < 1 || limit > 1000) {
      throw ValidationException.ofField("limit", "limit.out_of_range", "limit must be 1..1000");
    }
  }

  private static String secretName(UUID endpoint) {
    return "webhooks." + endpoint + ".secret";
  }

  private static String headerName(UUID endpoint) {
    return "webhooks." + endpoint + ".header";
  }

  /** Configures {@link WebhookEndpoints}. */
  public static final class Builder {
    private final Transactions tx;
    private final TenantSecrets secrets;
    private Clock clock = Clock.systemUTC();
    private RandomGenerator random = new SecureRandom();
    private DeliveryPolicy policy = DeliveryPolicy.STANDARD;
    private SsrfGuard guard = SsrfGuard.strict();
    private Optional<WebhookTransport> transport = Optional.empty();

    private Builder(Transactions tx, TenantSecrets secrets) {
      this.tx = Objects.requireNonNull(tx, "tx");
      this.secrets = Objects.requireNonNull(secrets, "secrets");
    }

    /**
     * The clock for attempt times, backoff and the delivery log (default system UTC).
     *
     * @param value the clock
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * The jitter source (default a {@link SecureRandom}).
     *
     * @param value the generator
     * @return this builder
     */
    public Builder random(RandomGenerator value) {
      this.random = Objects.requireNonNull(value, "random");
      return this;
    }

    /**
     * The retry schedule and attempt timeout (default {@link DeliveryPolicy#STANDARD}).
     *
     * @param value the policy
     * @return this builder
     */
    public Builder policy(DeliveryPolicy value) {
      this.policy = Objects.requireNonNull(value, "policy");
      return this;
    }

    /**
     * The SSRF guard endpoint URLs pass at registration and before every attempt (default
     * {@link SsrfGuard#strict()}: loopback and private addresses refused).
     *
     * @param value the guard
     * @return this builder
     */
    public Builder guard(SsrfGuard value) {
      this.guard = Objects.requireNonNull(value, "guard");
      return this;
    }

    /**
     * The transport of each attempt (default a {@link WebhookSender} with this builder's guard, connecting within
     * the policy's attempt timeout). The guard still checks URLs at registration; a transport given here is
     * responsible for checking them before each attempt.
     *
     * @param value the transport
     * @return this builder
     */
    public Builder transport(WebhookTransport value) {
      this.transport = Optional.of(Objects.requireNonNull(value, "transport"));
      return this;
    }

    /**
     * Reads {@link #ALLOWED_HOSTS} and builds a strict guard with those hosts allowed.
     *
     * @param config the configuration
     * @return this builder
     */
    public Builder config(BizoConfig config) {
      SsrfGuard.Builder b = SsrfGuard.builder();
      for (String host : config.find(ALLOWED_HOSTS).orElse("").split(",")) {
        if (!host.isBlank()) {
          b.allowHost(host.strip());
        }
      }
      this.guard = b.build();
      return this;
    }

    /**
     * Builds the service.
     *
     * @return the service
     */
    public WebhookEndpoints build() {
      return new WebhookEndpoints(this);
    }
  }
}
