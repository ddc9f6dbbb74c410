package dev.bizo.payments;

import dev.bizo.core.ConflictException;
import dev.bizo.core.Money;
import dev.bizo.core.NonRetriableException;
import dev.bizo.core.NotFoundException;
import dev.bizo.core.RetriableException;
import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.payments.internal.IdempotentCalls;
import dev.bizo.payments.internal.PaymentReconciler;
import dev.bizo.payments.internal.WebhookIngestion;
import dev.bizo.payments.internal.persistence.IdempotencyRecords;
import dev.bizo.payments.internal.persistence.PaymentStore;
import dev.bizo.payments.internal.persistence.PaymentTotalsQuery;
import dev.bizo.payments.internal.persistence.StoredPayment;
import dev.bizo.payments.spi.CaptureRequest;
import dev.bizo.payments.spi.GatewayOperation;
import dev.bizo.payments.spi.GatewayResult;
import dev.bizo.payments.spi.GatewayUnreachableException;
import dev.bizo.payments.spi.IdempotencyKey;
import dev.bizo.payments.spi.PaymentGateway;
import dev.bizo.payments.spi.PaymentRequest;
import dev.bizo.payments.spi.ReceivedHeaders;
import dev.bizo.payments.spi.RefundRequest;
import dev.bizo.payments.spi.VoidRequest;
import dev.bizo.payments.spi.WebhookRejectedException;
import dev.bizo.tenancy.PersistenceModule;
import dev.bizo.tenancy.TenancyDatabase;
import dev.bizo.tenancy.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

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
 *
 * <p>This class is the entry point and moves the money; the work behind it is split by responsibility, as Kill
 * Bill splits its processor, janitor and state machine: the idempotent call protocol, the reconciler, webhook
 * ingestion and the SQL (listing included) each have a class of their own in the internal packages.
 */
public final class PaymentService {

  /** The Flyway location of the payment tables. */
  public static final String MIGRATION_LOCATION = "classpath:db/migration/payments";

  private static final Duration MIN_RETENTION = Duration.ofHours(24);

  private final Transactions tx;
  private final GatewayRouter router;
  private final GatewayCredentialsSource credentials;
  private final Function<TenantId, RoutingPolicy> routingPolicy;
  private final Clock clock;
  private final Duration idempotencyRetention;
  private final PaymentStore store;
  private final IdempotentCalls calls;
  private final PaymentReconciler reconciler;
  private final WebhookIngestion webhooks;

  private PaymentService(Builder b) {
    this.tx = Objects.requireNonNull(b.transactions, "transactions");
    this.router = Objects.requireNonNull(b.router, "router");
    this.credentials = Objects.requireNonNull(b.credentials, "credentials");
    this.routingPolicy = Objects.requireNonNull(b.routingPolicy, "routingPolicy");
    this.clock = b.clock;
    this.idempotencyRetention = b.idempotencyRetention;
    this.store = new PaymentStore(clock, b.schedule);
    IdempotencyRecords records = new IdempotencyRecords();
    this.calls = new IdempotentCalls(tx, store, records, clock, b.duplicateWaitTimeout);
    this.reconciler = new PaymentReconciler(tx, store, records, router, credentials, clock);
    this.webhooks = new WebhookIngestion(tx, store, router, credentials, reconciler, clock);
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
        TenancyDatabase.CORE_MODULE,
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
    return calls.runCreating(tenant, key, fp.build(),
        (c, claim) -> {
          Payment payment = Payment.create(PaymentId.generate(), tenant, candidates.get(0).id(), request.amount(), clock);
          Transaction started = operation == GatewayOperation.PURCHASE
              ? payment.beginPurchase(key)
              : payment.beginAuthorization(key);
          if (!store.insertIfClaimed(c, StoredPayment.fresh(payment), request.captureMode(), request.merchantReference(), claim)) {
            return Optional.empty();
          }
          return Optional.of(new IdempotentCalls.Started(started.id(), StoredPayment.loaded(payment, 0)));
        },
        started -> callGateway(tenant, key, started, candidates.get(0).id(), () -> {
          RoutedResult routed = router.route(policy, request.gateway(), request.amount().currency(), gateway -> {
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
          return new Answer(Optional.of(routed.gateway().id()), routed.result());
        }));
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
    return reconciler.refreshUnknown(tenant, found.get());
  }

  /** The tenant's payments, oldest first, filtered and paged by {@code query}. */
  public PaymentPage list(TenantId tenant, PaymentQuery query) {
    Objects.requireNonNull(query, "query");
    return tx.inTenantJdbc(tenant, c -> store.list(c, query));
  }

  /**
   * The tenant's payments created in {@code [from, to)}, summed per currency and split by {@code groupBy}, in
   * one query: nothing is converted and no currency is left out. Days are calendar days in {@code zone}.
   *
   * @throws ValidationException when {@code to} is not after {@code from}
   */
  public PaymentReport report(TenantId tenant, Instant from, Instant to, PaymentGrouping groupBy, ZoneId zone) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(groupBy, "groupBy");
    Objects.requireNonNull(zone, "zone");
    PaymentReport.requirePeriod(from, to);
    return tx.inTenantJdbc(tenant, c -> PaymentTotalsQuery.report(c, from, to, groupBy, zone));
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
  public WebhookOutcome handleWebhook(String gatewayId, TenantId tenant, byte[] rawBody, ReceivedHeaders headers) {
    return webhooks.handle(gatewayId, tenant, rawBody, headers);
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
    return reconciler.reconcileDue(tenant, limit);
  }

  /**
   * Deletes the tenant's finished idempotency records older than the retention (at least 24 hours).
   *
   * @return how many were deleted
   */
  public int pruneIdempotencyRecords(TenantId tenant) {
    return calls.prune(tenant, idempotencyRetention);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Follow-up operations on a stored payment

  @FunctionalInterface
  private interface GatewayCall {
    GatewayResult call(dev.bizo.payments.spi.GatewayCredentials credentials);
  }

  @FunctionalInterface
  private interface FollowUp {
    /** Begins the operation on the locked payment (throwing if not allowed) and returns the gateway call. */
    GatewayCall begin(Payment payment, PaymentGateway gateway);
  }

  private PaymentResponse followUp(
      TenantId tenant, PaymentId paymentId, IdempotencyKey key, RequestFingerprint fp, FollowUp followUp) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(paymentId, "paymentId");
    Objects.requireNonNull(key, "key");
    GatewayCall[] call = new GatewayCall[1];
    String[] gatewayId = new String[1];
    return calls.run(tenant, key, fp,
        c -> {
          StoredPayment stored = store.load(c, paymentId, true)
              .orElseThrow(() -> NotFoundException.of("payment", paymentId));
          Payment payment = stored.payment();
          PaymentGateway gateway = router.gateways().require(payment.gatewayId());
          int before = payment.transactions().size();
          call[0] = followUp.begin(payment, gateway);
          gatewayId[0] = gateway.id();
          StoredPayment saved = store.saveChanges(c, stored);
          return new IdempotentCalls.Started(payment.transactions().get(before).id(), saved);
        },
        started -> callGateway(tenant, key, started, gatewayId[0],
            () -> new Answer(Optional.empty(), call[0].call(credentials.credentials(tenant, gatewayId[0])))));
  }

  /** The gateway's answer, and the gateway that gave it when a fallback may have moved the payment there. */
  private record Answer(Optional<String> answeredBy, GatewayResult result) {}

  /**
   * Calls the gateway outside any transaction and finishes the request with what came of it: an unreachable
   * gateway, or one refusing before sending, is recorded as unreachable; any other failure leaves the outcome
   * UNKNOWN for reconciliation.
   */
  private PaymentResponse callGateway(
      TenantId tenant, IdempotencyKey key, IdempotentCalls.Started started, String gatewayId, Supplier<Answer> call) {
    TransactionId transaction = started.transactionId();
    Answer answer;
    try {
      answer = call.get();
    } catch (GatewayUnreachableException e) {
      return calls.finish(tenant, key, started, Optional.empty(), p -> p.recordUnreachable(transaction, e));
    } catch (NonRetriableException e) {
      GatewayUnreachableException refused = refusedBeforeSending(gatewayId, e);
      return calls.finish(tenant, key, started, Optional.empty(), p -> p.recordUnreachable(transaction, refused));
    } catch (RuntimeException e) {
      GatewayResult unknown = GatewayResult.unknown(null, "gateway call failed: " + e.getClass().getSimpleName());
      return calls.finish(tenant, key, started, Optional.empty(), p -> p.record(transaction, unknown));
    }
    return calls.finish(tenant, key, started, answer.answeredBy(), p -> p.record(transaction, answer.result()));
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
