package dev.bizo.payments;

import dev.bizo.core.ConflictException;
import dev.bizo.core.Money;
import dev.bizo.core.NonRetriableException;
import dev.bizo.core.NotFoundException;
import dev.bizo.core.RetriableException;
import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.core.events.Outbox;
import dev.bizo.payments.internal.persistence.IdempotencyRecords;
import dev.bizo.payments.internal.persistence.PaymentStore;
import dev.bizo.payments.internal.persistence.StoredPayment;
import dev.bizo.payments.spi.CaptureRequest;
import dev.bizo.payments.spi.GatewayOperation;
import dev.bizo.payments.spi.GatewayResult;
import dev.bizo.payments.spi.GatewayUnreachableException;
import dev.bizo.payments.spi.IdempotencyKey;
import dev.bizo.payments.spi.PaymentGateway;
import dev.bizo.payments.spi.PaymentRequest;
import dev.bizo.payments.spi.RefundRequest;
import dev.bizo.payments.spi.StatusRequest;
import dev.bizo.payments.spi.VoidRequest;
import dev.bizo.payments.spi.WebhookEvent;
import dev.bizo.payments.spi.WebhookEventType;
import dev.bizo.payments.spi.WebhookHeaders;
import dev.bizo.payments.spi.WebhookRejectedException;
import dev.bizo.payments.spi.WebhookRequest;
import dev.bizo.tenancy.PersistenceModule;
import dev.bizo.tenancy.TenancyDatabase;
import dev.bizo.tenancy.Transactions;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes, captures, refunds and voids payments for tenants, stores them, and keeps them true to the gateway.
 *
 * <h2>Idempotency</h2>
 * Every money-moving call takes an {@link IdempotencyKey}, unique per tenant, that is also forwarded to the
 * gateway. The first call with a key inserts its record before calling the gateway and stores the
 * {@link PaymentResponse} (or the failure) afterwards. A repeat with the same parameters gets the stored answer
 * back, failure included, without reaching the gateway; a repeat with other parameters is a
 * {@link ConflictException} {@code idempotency.key_reused}; a repeat arriving while the first is still working
 * waits for its answer (up to {@link Builder#duplicateWaitTimeout}). Records are kept at least 24 hours and
 * pruned by {@link #pruneIdempotencyRecords}.
 *
 * <h2>State, history and events</h2>
 * The {@link Payment} aggregate decides every move. Each change appends one {@code payment_history} row and one
 * outbox event ({@code payment.created}, {@code payment.authorized}, {@code payment.succeeded},
 * {@code payment.failed}, {@code payment.refunded}, {@code payment.voided}, {@code payment.pending},
 * {@code payment.unknown}, {@code payment.transaction_updated}) in the same database transaction.
 *
 * <h2>Reconciliation</h2>
 * UNKNOWN and PENDING transactions (and requests whose answer was lost) are re-checked with
 * {@link PaymentGateway#fetchStatus} on the {@link ReconciliationSchedule} by {@link #reconcileDue}, which
 * claims rows with {@code FOR UPDATE SKIP LOCKED} so several replicas can run it at once, and on read by
 * {@link #get} for an UNKNOWN payment.
 *
 * <h2>Webhooks</h2>
 * {@link #handleWebhook} verifies the signature first, then deduplicates on the event id, then moves the
 * payment only along a legal transition, asking the gateway when the event does not fit.
 *
 * <pre>{@code
 * PaymentService payments = PaymentService.builder()
 *     .transactions(db.transactions())
 *     .router(new GatewayRouter(Providers.builder(PaymentGateway.class, PaymentGateway::id).discover(true).build()))
 *     .credentials(GatewayCredentialsSource.fromTenantSecrets(secrets))
 *     .routingPolicy(tenant -> RoutingPolicy.builder().defaultGateway("simulator").build())
 *     .build();
 * PaymentResponse paid = payments.create(tenant, NewPayment.builder(amount, method).build(), key);
 * }</pre>
 *
 * <p>Register {@link #persistenceModules()} with {@link TenancyDatabase.Builder#module} (in that order).
 * Instances are thread-safe.
 */
public final class PaymentService {

  /** The Flyway location of the payment tables. */
  public static final String MIGRATION_LOCATION = "classpath:db/migration/payments";

  private static final Logger LOG = LoggerFactory.getLogger(PaymentService.class);
  private static final Duration MIN_RETENTION = Duration.ofHours(24);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(20);
  private static final Set<TransactionStatus> OPEN =
      EnumSet.of(TransactionStatus.REQUESTED, TransactionStatus.PENDING, TransactionStatus.UNKNOWN);

  private final Transactions tx;
  private final GatewayRouter router;
  private final GatewayCredentialsSource credentials;
  private final Function<TenantId, RoutingPolicy> routingPolicy;
  private final Clock clock;
  private final Duration duplicateWaitTimeout;
  private final Duration idempotencyRetention;
  private final PaymentStore store;
  private final IdempotencyRecords records = new IdempotencyRecords();

  private PaymentService(Builder b) {
    this.tx = Objects.requireNonNull(b.transactions, "transactions");
    this.router = Objects.requireNonNull(b.router, "router");
    this.credentials = Objects.requireNonNull(b.credentials, "credentials");
    this.routingPolicy = Objects.requireNonNull(b.routingPolicy, "routingPolicy");
    this.clock = b.clock;
    this.duplicateWaitTimeout = b.duplicateWaitTimeout;
    this.idempotencyRetention = b.idempotencyRetention;
    this.store = new PaymentStore(clock, b.schedule);
  }

  /** Starts a builder; transactions, router, credentials and routing policy are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * What payments needs in the database, in registration order: core's outbox, then the payment tables.
   * Add each with {@link TenancyDatabase.Builder#module}.
   */
  public static List<PersistenceModule> persistenceModules() {
    return List.of(
        new PersistenceModule("core", Outbox.MIGRATION_LOCATION, "flyway_history_core", List.of()),
        new PersistenceModule("payments", MIGRATION_LOCATION, "flyway_history_payments", List.of()));
  }

  // ---------------------------------------------------------------------------------------------------------
  // Money-moving calls

  /**
   * Takes a new payment: a purchase ({@link CaptureMode#AUTOMATIC}) or an authorization ({@link CaptureMode#MANUAL}),
   * on the gateway the tenant's {@link RoutingPolicy} (or the request) picks, falling back only when a gateway
   * provably was not reached.
   *
   * @return the answer; a decline, a pending redirect, an unknown outcome or an unreachable gateway is an
   *     answer too (see {@link PaymentResponse#transactionStatus()})
   * @throws ValidationException when the amount is above the gateway's maximum; nothing is stored then
   * @throws dev.bizo.core.UnsupportedFeatureException when no gateway settles the currency, or a manual capture
   *     is asked of a gateway without one; nothing is stored then
   * @throws ConflictException {@code idempotency.key_reused} when the key was used with other parameters
   * @throws RetriableException {@code idempotency.in_progress} when a first call with the key is still working
   *     after the wait timeout
   */
  public PaymentResponse create(TenantId tenant, NewPayment request, IdempotencyKey key) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(key, "key");
    RoutingPolicy policy = routingPolicy.apply(tenant);
    List<PaymentGateway> candidates = router.candidates(policy, request.gateway(), request.amount().currency());
    candidates.get(0).capabilities().requireAcceptable("amount", request.amount());
    if (request.captureMode() == CaptureMode.MANUAL) {
      candidates.get(0).capabilities().requireManualCapture();
    }
    GatewayOperation operation =
        request.captureMode() == CaptureMode.AUTOMATIC ? GatewayOperation.PURCHASE : GatewayOperation.AUTHORIZE;
    RequestFingerprint.Builder fp = RequestFingerprint.builder(operation.name().toLowerCase(java.util.Locale.ROOT))
        .put("amount", request.amount())
        .put("payment_method", request.paymentMethod().token())
        .put("gateway", request.gateway().orElse(null))
        .put("merchant_reference", request.merchantReference().orElse(null))
        .put("description", request.description().orElse(null))
        .put("return_url", request.returnUrl().map(Object::toString).orElse(null))
        .putAll("metadata", request.metadata());
    return idempotently(tenant, key, fp.build(),
        c -> {
          Payment payment = Payment.create(PaymentId.generate(), tenant, candidates.get(0).id(), request.amount(), clock);
          Transaction started = operation == GatewayOperation.PURCHASE
              ? payment.beginPurchase(key)
              : payment.beginAuthorization(key);
          store.insert(c, StoredPayment.fresh(payment), request.captureMode(), request.merchantReference());
          return new Started(started.id(), StoredPayment.loaded(payment, 0));
        },
        started -> {
          RoutedResult routed;
          try {
            routed = router.route(policy, request.gateway(), request.amount().currency(), gateway -> {
              PaymentRequest.Builder b = PaymentRequest.builder()
                  .credentials(credentials.credentials(tenant, gateway.id()))
                  .idempotencyKey(key)
                  .amount(request.amount())
                  .paymentMethod(request.paymentMethod());
              request.merchantReference().ifPresent(b::merchantReference);
              request.description().ifPresent(b::description);
              request.returnUrl().ifPresent(b::returnUrl);
              request.metadata().forEach(b::metadata);
              PaymentRequest call = b.build();
              return operation == GatewayOperation.PURCHASE ? gateway.purchase(call) : gateway.authorize(call);
            });
          } catch (GatewayUnreachableException e) {
            return finish(tenant, key, started, Optional.empty(), p -> p.recordUnreachable(started.transactionId(), e));
          } catch (NonRetriableException e) {
            GatewayUnreachableException refused = refusedBeforeSending(candidates.get(0).id(), e);
            return finish(tenant, key, started, Optional.empty(), p -> p.recordUnreachable(started.transactionId(), refused));
          } catch (RuntimeException e) {
            GatewayResult unknown = GatewayResult.unknown(null, "gateway call failed: " + e.getClass().getSimpleName());
            return finish(tenant, key, started, Optional.empty(), p -> p.record(started.transactionId(), unknown));
          }
          RoutedResult answer = routed;
          return finish(tenant, key, started, Optional.of(answer.gateway().id()),
              p -> p.record(started.transactionId(), answer.result()));
        });
  }

  /**
   * Captures an authorized payment: all of it when {@code amount} is empty, else that much (a partial capture).
   *
   * @throws NotFoundException when the tenant has no such payment (stored as the key's answer)
   * @throws ConflictException {@code payment.illegal_transition} unless AUTHORIZED, or
   *     {@code idempotency.key_reused}
   * @throws ValidationException when the amount is above the authorized amount
   */
  public PaymentResponse capture(TenantId tenant, PaymentId paymentId, Optional<Money> amount, IdempotencyKey key) {
    Objects.requireNonNull(amount, "amount");
    RequestFingerprint fp = RequestFingerprint.builder("capture")
        .put("payment", paymentId.toString()).put("amount", amount.orElse(null)).build();
    return followUp(tenant, paymentId, key, fp, (payment, gateway) -> {
      Money value = amount.orElseGet(payment::authorizedAmount);
      Transaction started = payment.beginCapture(value, key);
      Money authorized = payment.authorizedAmount();
      gateway.capabilities().requireCapture(value, authorized);
      String reference = initialReference(payment);
      return creds -> gateway.capture(new CaptureRequest(creds, key, reference, value, authorized));
    });
  }

  /**
   * Refunds a captured payment: everything still refundable when {@code amount} is empty, else that much.
   * Refunds succeeded or in flight never add up to more than the captured total.
   *
   * @throws ConflictException {@code payment.refund_exceeds_captured} when the amount is above what is left,
   *     {@code payment.illegal_transition} unless captured, or {@code idempotency.key_reused}
   */
  public PaymentResponse refund(TenantId tenant, PaymentId paymentId, Optional<Money> amount, IdempotencyKey key) {
    Objects.requireNonNull(amount, "amount");
    RequestFingerprint fp = RequestFingerprint.builder("refund")
        .put("payment", paymentId.toString()).put("amount", amount.orElse(null)).build();
    return followUp(tenant, paymentId, key, fp, (payment, gateway) -> {
      Money value = amount.orElseGet(payment::refundableAmount);
      Money captured = payment.capturedAmount();
      payment.beginRefund(value, key);
      gateway.capabilities().requireRefund(value, captured);
      String reference = capturedReference(payment);
      return creds -> gateway.refund(new RefundRequest(creds, key, reference, value, captured));
    });
  }

  /**
   * Releases an authorized payment.
   *
   * @throws ConflictException {@code payment.illegal_transition} unless AUTHORIZED, or {@code idempotency.key_reused}
   */
  public PaymentResponse voidPayment(TenantId tenant, PaymentId paymentId, IdempotencyKey key) {
    RequestFingerprint fp = RequestFingerprint.builder("void").put("payment", paymentId.toString()).build();
    return followUp(tenant, paymentId, key, fp, (payment, gateway) -> {
      payment.beginVoid(key);
      gateway.capabilities().requireVoid();
      String reference = initialReference(payment);
      return creds -> gateway.voidAuthorization(new VoidRequest(creds, key, reference));
    });
  }

  // ---------------------------------------------------------------------------------------------------------
  // Reads

  /**
   * The payment, if the tenant has it. An UNKNOWN payment is first re-checked with the gateway.
   */
  public Optional<Payment> get(TenantId tenant, PaymentId paymentId) {
    Objects.requireNonNull(paymentId, "paymentId");
    Optional<Payment> found = tx.inTenantJdbc(tenant, c -> store.load(c, paymentId, false)).map(StoredPayment::payment);
    if (found.isEmpty() || found.get().status() != PaymentStatus.UNKNOWN) {
      return found;
    }
    List<PaymentStore.Claim> claims = tx.inTenantJdbc(tenant, c -> store.claimUnknown(c, paymentId, clock.instant()));
    if (claims.isEmpty()) {
      return found;
    }
    claims.forEach(claim -> reconcile(tenant, claim));
    return tx.inTenantJdbc(tenant, c -> store.load(c, paymentId, false)).map(StoredPayment::payment);
  }

  /** The tenant's payments, oldest first, filtered and paged by {@code query}. */
  public PaymentPage list(TenantId tenant, PaymentQuery query) {
    Objects.requireNonNull(query, "query");
    StringBuilder sql = new StringBuilder(
        "select id, gateway_id, amount_minor, currency, status, created_at from payment where true");
    List<Object> args = new ArrayList<>();
    query.status().ifPresent(s -> {
      sql.append(" and status = ?");
      args.add(s.name());
    });
    query.gateway().ifPresent(g -> {
      sql.append(" and gateway_id = ?");
      args.add(g);
    });
    query.after().ifPresent(cursor -> {
      Cursor after = Cursor.decode(cursor);
      sql.append(" and (created_at, id) > (?, ?)");
      args.add(Timestamp.from(after.createdAt()));
      args.add(after.id());
    });
    sql.append(" order by created_at, id limit ?");
    args.add(query.limit() + 1);
    List<PaymentSummary> rows = tx.inTenantJdbc(tenant, c -> {
      List<PaymentSummary> out = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(sql.toString())) {
        for (int i = 0; i < args.size(); i++) {
          s.setObject(i + 1, args.get(i));
        }
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            out.add(new PaymentSummary(
                new PaymentId(rs.getObject(1, UUID.class)), rs.getString(2),
                Money.ofMinor(rs.getLong(3), rs.getString(4)), PaymentStatus.valueOf(rs.getString(5)),
                rs.getTimestamp(6).toInstant()));
          }
        }
      }
      return out;
    });
    if (rows.size() <= query.limit()) {
      return new PaymentPage(rows, Optional.empty());
    }
    List<PaymentSummary> page = rows.subList(0, query.limit());
    PaymentSummary last = page.get(page.size() - 1);
    return new PaymentPage(page, Optional.of(new Cursor(last.createdAt(), last.id().value()).encode()));
  }

  // ---------------------------------------------------------------------------------------------------------
  // Webhooks

  /**
   * Handles a webhook received for a tenant: verifies it with the tenant's credentials over the raw bytes
   * before anything else, stores its event id (a repeat is a no-op), and applies it only along a legal
   * transition; an event that does not fit makes the service ask the gateway for the truth instead.
   *
   * @throws WebhookRejectedException when verification fails; nothing is stored
   * @throws NotFoundException {@code gateway} when no such gateway is installed
   */
  public WebhookOutcome handleWebhook(String gatewayId, TenantId tenant, byte[] rawBody, WebhookHeaders headers) {
    Objects.requireNonNull(tenant, "tenant");
    PaymentGateway gateway = router.gateways().find(Objects.requireNonNull(gatewayId, "gatewayId"))
        .orElseThrow(() -> NotFoundException.of("gateway", gatewayId));
    WebhookEvent event = gateway.verifyAndParseWebhook(
        WebhookRequest.of(rawBody, headers, credentials.credentials(tenant, gatewayId)));
    return tx.inTenantJdbc(tenant, c -> {
      try (PreparedStatement s = c.prepareStatement(
          "insert into payment_webhook_event (tenant_id, gateway_id, event_id, event_type, gateway_reference,"
              + " outcome, received_at) values (?, ?, ?, ?, ?, 'RECEIVED', ?)"
              + " on conflict (tenant_id, gateway_id, event_id) do nothing")) {
        s.setObject(1, tenant.value());
        s.setString(2, gatewayId);
        s.setString(3, event.eventId());
        s.setString(4, event.gatewayEventType());
        s.setString(5, event.gatewayReference().orElse(null));
        s.setTimestamp(6, Timestamp.from(clock.instant()));
        if (s.executeUpdate() == 0) {
          LOG.debug("Webhook {} from {} already received; ignored", event.eventId(), gatewayId);
          return WebhookOutcome.DUPLICATE;
        }
      }
      WebhookOutcome outcome = applyWebhook(c, tenant, gateway, event);
      try (PreparedStatement s = c.prepareStatement(
          "update payment_webhook_event set outcome = ? where gateway_id = ? and event_id = ?")) {
        s.setString(1, outcome.name());
        s.setString(2, gatewayId);
        s.setString(3, event.eventId());
        s.executeUpdate();
      }
      return outcome;
    });
  }

  private WebhookOutcome applyWebhook(Connection c, TenantId tenant, PaymentGateway gateway, WebhookEvent event)
      throws SQLException {
    Set<GatewayOperation> operations = operationsOf(event.type());
    if (operations.isEmpty() || event.gatewayReference().isEmpty()) {
      return WebhookOutcome.IGNORED;
    }
    String reference = event.gatewayReference().get();
    Optional<PaymentId> paymentId = store.findByGatewayReference(c, reference);
    if (paymentId.isEmpty()) {
      LOG.info("Webhook {} from {} is about reference {} this tenant does not have; ignored",
          event.eventId(), gateway.id(), reference);
      return WebhookOutcome.IGNORED;
    }
    StoredPayment stored = store.load(c, paymentId.get(), true).orElseThrow();
    Payment payment = stored.payment();
    List<Transaction> open = payment.transactions().stream()
        .filter(t -> operations.contains(t.operation()) && OPEN.contains(t.status()))
        .toList();
    if (open.isEmpty()) {
      return WebhookOutcome.NO_CHANGE;
    }
    boolean changed = false;
    if (open.size() == 1 && event.type() != WebhookEventType.PAYMENT_REFUNDED) {
      Transaction target = open.get(0);
      GatewayResult proposed = event.type() == WebhookEventType.PAYMENT_FAILED
          ? GatewayResult.declined(reference, event.gatewayEventType(), "reported by webhook " + event.eventId())
          : GatewayResult.success(reference, event.amount().orElse(target.amount()));
      try {
        changed = payment.record(target.id(), proposed);
      } catch (ConflictException e) {
        LOG.info("Webhook {} does not fit payment {} ({}); asking the gateway", event.eventId(), payment.id(), e.code());
        changed = recordFetched(tenant, gateway, payment, target);
      }
    } else {
      // several candidates (e.g. concurrent refunds under one charge): the gateway says which one happened
      for (Transaction target : open) {
        changed |= recordFetched(tenant, gateway, payment, target);
      }
    }
    if (!changed) {
      return WebhookOutcome.NO_CHANGE;
    }
    store.saveChanges(c, stored);
    return WebhookOutcome.APPLIED;
  }

  private boolean recordFetched(TenantId tenant, PaymentGateway gateway, Payment payment, Transaction target) {
    GatewayResult truth;
    try {
      truth = gateway.fetchStatus(statusRequest(tenant, gateway, payment, target));
    } catch (GatewayUnreachableException e) {
      LOG.warn("Could not ask {} about transaction {}: {}", gateway.id(), target.id(), e.getMessage());
      return false;
    }
    try {
      return payment.record(target.id(), truth);
    } catch (ConflictException e) {
      LOG.warn("Gateway {} reports {} for transaction {} which cannot take it ({}); left for a person",
          gateway.id(), truth.outcome(), target.id(), e.code());
      return false;
    }
  }

  private static Set<GatewayOperation> operationsOf(WebhookEventType type) {
    switch (type) {
      case PAYMENT_AUTHORIZED:
        return EnumSet.of(GatewayOperation.AUTHORIZE);
      case PAYMENT_CAPTURED:
        return EnumSet.of(GatewayOperation.PURCHASE, GatewayOperation.CAPTURE);
      case PAYMENT_FAILED:
        return EnumSet.of(GatewayOperation.AUTHORIZE, GatewayOperation.PURCHASE);
      case PAYMENT_VOIDED:
        return EnumSet.of(GatewayOperation.VOID);
      case PAYMENT_REFUNDED:
        return EnumSet.of(GatewayOperation.REFUND);
      default:
        return EnumSet.noneOf(GatewayOperation.class);
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Janitor

  /**
   * Re-checks up to {@code limit} of the tenant's transactions that are due by the reconciliation schedule:
   * UNKNOWN, PENDING, and requests whose answer was never stored. Each is claimed with
   * {@code FOR UPDATE SKIP LOCKED} and its next attempt moved along the schedule before the gateway is asked,
   * so concurrent runs on several replicas never check the same transaction twice.
   *
   * @return how many transactions this run checked
   */
  public int reconcileDue(TenantId tenant, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
    List<PaymentStore.Claim> claims = tx.inTenantJdbc(tenant, c -> store.claimDue(c, clock.instant(), limit));
    claims.forEach(claim -> reconcile(tenant, claim));
    return claims.size();
  }

  private boolean reconcile(TenantId tenant, PaymentStore.Claim claim) {
    Payment snapshot = tx.inTenantJdbc(tenant, c -> store.load(c, claim.paymentId(), false)).orElseThrow().payment();
    Transaction target = snapshot.transaction(claim.transactionId());
    PaymentGateway gateway = router.gateways().require(snapshot.gatewayId());
    GatewayResult truth;
    try {
      truth = gateway.fetchStatus(statusRequest(tenant, gateway, snapshot, target));
    } catch (GatewayUnreachableException e) {
      LOG.warn("Reconciliation could not reach {} for transaction {}; next attempt by schedule", gateway.id(), target.id());
      return false;
    }
    return tx.inTenantJdbc(tenant, c -> {
      StoredPayment stored = store.load(c, claim.paymentId(), true).orElseThrow();
      Payment payment = stored.payment();
      boolean changed;
      try {
        changed = payment.record(target.id(), truth);
      } catch (ConflictException e) {
        LOG.warn("Gateway {} reports {} for transaction {} which cannot take it ({}); left for a person",
            gateway.id(), truth.outcome(), target.id(), e.code());
        return false;
      }
      if (changed) {
        store.saveChanges(c, stored);
        // a first call that died before storing its answer: its waiting duplicates get this one
        records.complete(c, target.idempotencyKey(), PaymentResponse.of(payment, target.id()), clock.instant());
      }
      return changed;
    });
  }

  /**
   * Deletes the tenant's finished idempotency records older than the retention (at least 24 hours).
   *
   * @return how many were deleted
   */
  public int pruneIdempotencyRecords(TenantId tenant) {
    Instant cutoff = clock.instant().minus(idempotencyRetention);
    return tx.inTenantJdbc(tenant, c -> records.prune(c, cutoff));
  }

  // ---------------------------------------------------------------------------------------------------------
  // The idempotent call protocol

  /** The ids of what the first phase stored. */
  /**
   * What the first transaction of a request wrote: the transaction to record the gateway's answer on, and the
   * payment as stored then, carried into the second transaction instead of read again.
   */
  private record Started(TransactionId transactionId, StoredPayment payment) {}

  @FunctionalInterface
  private interface StartWork {
    Started start(Connection c) throws SQLException;
  }

  @FunctionalInterface
  private interface GatewayCall {
    GatewayResult call(dev.bizo.payments.spi.GatewayCredentials credentials);
  }

  @FunctionalInterface
  private interface FollowUp {
    /** Begins the operation on the locked payment (throwing if not allowed) and returns the gateway call. */
    GatewayCall begin(Payment payment, PaymentGateway gateway);
  }

  @FunctionalInterface
  private interface Change {
    void apply(Payment payment);
  }

  private PaymentResponse followUp(
      TenantId tenant, PaymentId paymentId, IdempotencyKey key, RequestFingerprint fp, FollowUp followUp) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(paymentId, "paymentId");
    Objects.requireNonNull(key, "key");
    GatewayCall[] call = new GatewayCall[1];
    String[] gatewayId = new String[1];
    return idempotently(tenant, key, fp,
        c -> {
          StoredPayment stored = store.load(c, paymentId, true)
              .orElseThrow(() -> NotFoundException.of("payment", paymentId));
          Payment payment = stored.payment();
          PaymentGateway gateway = router.gateways().require(payment.gatewayId());
          int before = payment.transactions().size();
          call[0] = followUp.begin(payment, gateway);
          gatewayId[0] = gateway.id();
          StoredPayment saved = store.saveChanges(c, stored);
          return new Started(payment.transactions().get(before).id(), saved);
        },
        started -> {
          GatewayResult result;
          try {
            result = call[0].call(credentials.credentials(tenant, gatewayId[0]));
          } catch (GatewayUnreachableException e) {
            return finish(tenant, key, started, Optional.empty(), p -> p.recordUnreachable(started.transactionId(), e));
          } catch (NonRetriableException e) {
            GatewayUnreachableException refused = refusedBeforeSending(gatewayId[0], e);
            return finish(tenant, key, started, Optional.empty(), p -> p.recordUnreachable(started.transactionId(), refused));
          } catch (RuntimeException e) {
            GatewayResult unknown = GatewayResult.unknown(null, "gateway call failed: " + e.getClass().getSimpleName());
            return finish(tenant, key, started, Optional.empty(), p -> p.record(started.transactionId(), unknown));
          }
          GatewayResult answer = result;
          return finish(tenant, key, started, Optional.empty(), p -> p.record(started.transactionId(), answer));
        });
  }

  private PaymentResponse idempotently(
      TenantId tenant, IdempotencyKey key, RequestFingerprint fp, StartWork start, Function<Started, PaymentResponse> finish) {
    long deadline = System.nanoTime() + duplicateWaitTimeout.toNanos();
    while (true) {
      Object first = tx.inTenantJdbc(tenant, c -> {
        Optional<IdempotencyRecords.Stored> existing = records.claim(c, key, fp, clock.instant());
        if (existing.isPresent()) {
          return existing.get();
        }
        try {
          return start.start(c);
        } catch (NonRetriableException e) {
          IdempotencyRecords.Failed failed = IdempotencyRecords.Failed.of(e);
          records.fail(c, key, failed, clock.instant());
          return failed;
        }
      });
      if (first instanceof Started started) {
        return finish.apply(started);
      }
      while (true) {
        if (first instanceof IdempotencyRecords.Answered answered) {
          return answered.response();
        }
        if (first instanceof IdempotencyRecords.Failed failed) {
          throw failed.toException();
        }
        if (first == null) {
          break; // the record is gone (pruned): this call is a first call again
        }
        if (System.nanoTime() > deadline) {
          throw new RetriableException(
              "idempotency.in_progress", "A request with idempotency key '" + key + "' is still in progress");
        }
        sleep(POLL_INTERVAL);
        first = tx.inTenantJdbc(tenant, c -> records.find(c, key, fp).orElse(null));
      }
    }
  }

  private PaymentResponse finish(
      TenantId tenant, IdempotencyKey key, Started started, Optional<String> answeredBy, Change change) {
    return tx.inTenantJdbc(tenant, c -> {
      // Usually nothing saved the payment since the first transaction: lock it and go on with the carried copy.
      // If a webhook or reconciliation did, read it again under the lock.
      StoredPayment stored = store.lockIfCurrent(c, started.payment())
          ? started.payment()
          : store.load(c, started.payment().payment().id(), true).orElseThrow();
      if (answeredBy.isPresent() && !answeredBy.get().equals(stored.payment().gatewayId())) {
        Payment p = stored.payment();
        // the first candidate was provably never reached; the payment lives on the gateway that answered
        stored = new StoredPayment(
            Payment.restore(p.id(), p.tenantId(), answeredBy.get(), p.amount(), p.status(), p.transactions(),
                p.history(), clock),
            stored.originalTransactions(), stored.originalHistorySize(), stored.version());
      }
      Payment payment = stored.payment();
      try {
        change.apply(payment);
      } catch (ConflictException e) {
        // reconciliation or a webhook settled it first; the stored state is the answer
        LOG.warn("Transaction {} was settled before its answer arrived ({})", started.transactionId(), e.code());
      }
      store.saveChanges(c, stored);
      PaymentResponse response = PaymentResponse.of(payment, started.transactionId());
      records.complete(c, key, response, clock.instant());
      return response;
    });
  }

  private StatusRequest statusRequest(TenantId tenant, PaymentGateway gateway, Payment payment, Transaction target) {
    Optional<String> reference = target.gatewayReference();
    if (reference.isEmpty() && !target.isInitial()) {
      reference = payment.transactions().get(0).gatewayReference();
    }
    return new StatusRequest(
        credentials.credentials(tenant, gateway.id()), target.idempotencyKey(), target.operation(), reference,
        target.amount());
  }

  private static GatewayUnreachableException refusedBeforeSending(String gatewayId, NonRetriableException e) {
    return new GatewayUnreachableException(gatewayId, "refused before sending (" + e.code() + "): " + e.getMessage(), e);
  }

  private static String initialReference(Payment payment) {
    return payment.transactions().get(0).gatewayReference().orElseThrow(() -> new ConflictException(
        "payment.no_gateway_reference", "Payment " + payment.id() + " has no gateway reference to act on"));
  }

  private static String capturedReference(Payment payment) {
    List<Transaction> all = payment.transactions();
    for (int i = all.size() - 1; i >= 0; i--) {
      Transaction t = all.get(i);
      if ((t.operation() == GatewayOperation.CAPTURE || t.operation() == GatewayOperation.PURCHASE)
          && t.status() == TransactionStatus.SUCCEEDED && t.gatewayReference().isPresent()) {
        return t.gatewayReference().get();
      }
    }
    return initialReference(payment);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetriableException("idempotency.interrupted", "Interrupted while waiting for a duplicate request");
    }
  }

  /** A list position: the last row's creation time and id, opaque to clients. */
  private record Cursor(Instant createdAt, UUID id) {

    String encode() {
      String raw = createdAt.truncatedTo(ChronoUnit.MICROS) + "|" + id;
      return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String cursor) {
      try {
        String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        int bar = raw.indexOf('|');
        return new Cursor(Instant.parse(raw.substring(0, bar)), UUID.fromString(raw.substring(bar + 1)));
      } catch (RuntimeException e) {
        throw ValidationException.ofField("cursor", "invalid", "Not a cursor returned by list");
      }
    }
  }

  /** Builds a {@link PaymentService}. */
  public static final class Builder {
    private Transactions transactions;
    private GatewayRouter router;
    private GatewayCredentialsSource credentials;
    private Function<TenantId, RoutingPolicy> routingPolicy;
    private Clock clock = Clock.systemUTC();
    private ReconciliationSchedule schedule = ReconciliationSchedule.standard();
    private Duration duplicateWaitTimeout = Duration.ofSeconds(30);
    private Duration idempotencyRetention = MIN_RETENTION;

    private Builder() {}

    /** The tenant transactions of a {@link TenancyDatabase} that has {@link #persistenceModules()}. */
    public Builder transactions(Transactions value) {
      this.transactions = Objects.requireNonNull(value, "transactions");
      return this;
    }

    /** The installed gateways and the routing between them. */
    public Builder router(GatewayRouter value) {
      this.router = Objects.requireNonNull(value, "router");
      return this;
    }

    /** Where each tenant's gateway credentials come from. */
    public Builder credentials(GatewayCredentialsSource value) {
      this.credentials = Objects.requireNonNull(value, "credentials");
      return this;
    }

    /** Each tenant's gateway preferences. */
    public Builder routingPolicy(Function<TenantId, RoutingPolicy> value) {
      this.routingPolicy = Objects.requireNonNull(value, "routingPolicy");
      return this;
    }

    /** The clock for timestamps, reconciliation and pruning (default UTC system clock). */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** The reconciliation backoff (default {@link ReconciliationSchedule#standard()}). */
    public Builder schedule(ReconciliationSchedule value) {
      this.schedule = Objects.requireNonNull(value, "schedule");
      return this;
    }

    /** How long a duplicate request waits for the first one's answer (default 30 s). */
    public Builder duplicateWaitTimeout(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("The wait must be positive: " + value);
      }
      this.duplicateWaitTimeout = value;
      return this;
    }

    /** How long finished idempotency records are kept; at least (and by default) 24 hours. */
    public Builder idempotencyRetention(Duration value) {
      if (value.compareTo(MIN_RETENTION) < 0) {
        throw new IllegalArgumentException("Idempotency records are kept at least 24 hours: " + value);
      }
      this.idempotencyRetention = value;
      return this;
    }

    /** The service. */
    public PaymentService build() {
      return new PaymentService(this);
    }
  }
}
