package dev.bizo.payments.internal;

import dev.bizo.core.ConflictException;
import dev.bizo.core.TenantId;
import dev.bizo.payments.GatewayCredentialsSource;
import dev.bizo.payments.GatewayRouter;
import dev.bizo.payments.Payment;
import dev.bizo.payments.PaymentId;
import dev.bizo.payments.PaymentResponse;
import dev.bizo.payments.Transaction;
import dev.bizo.payments.internal.persistence.IdempotencyRecords;
import dev.bizo.payments.internal.persistence.PaymentStore;
import dev.bizo.payments.internal.persistence.StoredPayment;
import dev.bizo.payments.internal.persistence.WriteStatement;
import dev.bizo.payments.spi.GatewayResult;
import dev.bizo.payments.spi.GatewayUnreachableException;
import dev.bizo.payments.spi.PaymentGateway;
import dev.bizo.payments.spi.StatusRequest;
import dev.bizo.tenancy.Transactions;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The janitor: keeps open transactions (UNKNOWN, PENDING, and requests whose answer was lost) true to the gateway
 * by asking it with {@link PaymentGateway#fetchStatus}, on the reconciliation schedule or on read, and records
 * what the gateway says only along a legal transition.
 */
public final class PaymentReconciler {

  private static final Logger LOG = LoggerFactory.getLogger(PaymentReconciler.class);

  private final Transactions tx;
  private final PaymentStore store;
  private final IdempotencyRecords records;
  private final GatewayRouter router;
  private final GatewayCredentialsSource credentials;
  private final Clock clock;

  public PaymentReconciler(Transactions tx, PaymentStore store, IdempotencyRecords records,
      GatewayRouter router, GatewayCredentialsSource credentials, Clock clock) {
    this.tx = Objects.requireNonNull(tx, "tx");
    this.store = Objects.requireNonNull(store, "store");
    this.records = Objects.requireNonNull(records, "records");
    this.router = Objects.requireNonNull(router, "router");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Claims up to {@code limit} of the tenant's due transactions ({@code FOR UPDATE SKIP LOCKED}, next attempt
   * moved along the schedule) and re-checks each.
   *
   * @return how many transactions this run checked
   */
  public int reconcileDue(TenantId tenant, int limit) {
    List<PaymentStore.Claim> claims = tx.inTenantJdbc(tenant, c -> store.claimDue(c, clock.instant(), limit));
    claims.forEach(claim -> reconcile(tenant, claim));
    return claims.size();
  }

  /**
   * Re-checks the UNKNOWN transactions of a payment found UNKNOWN on read, unless another caller holds them.
   *
   * @return the payment as stored afterwards, or {@code unknown} itself when nothing was claimed
   */
  public Optional<Payment> refreshUnknown(TenantId tenant, Payment unknown) {
    PaymentId paymentId = unknown.id();
    List<PaymentStore.Claim> claims = tx.inTenantJdbc(tenant, c -> store.claimUnknown(c, paymentId, clock.instant()));
    if (claims.isEmpty()) {
      return Optional.of(unknown);
    }
    claims.forEach(claim -> reconcile(tenant, claim));
    return tx.inTenantJdbc(tenant, c -> store.load(c, paymentId, false)).map(StoredPayment::payment);
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
        // a first call that died before storing its answer: its waiting duplicates get this one (same statement)
        WriteStatement.Part complete =
            records.completePart(target.idempotencyKey(), PaymentResponse.of(payment, target.id()), clock.instant());
        store.saveIfCurrent(c, stored, Optional.of(complete)).orElseThrow(() -> new IllegalStateException(
            "Payment " + payment.id() + " changed under its row lock"));
      }
      return changed;
    });
  }

  /**
   * Asks the gateway about one transaction of a payment the caller holds locked and records the answer on it
   * (the caller saves it).
   *
   * @return whether the payment changed; an unreachable gateway or an answer the transaction cannot take (logged,
   *     left for a person) changes nothing
   */
  public boolean recordFetched(TenantId tenant, PaymentGateway gateway, Payment payment, Transaction target) {
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

  private StatusRequest statusRequest(TenantId tenant, PaymentGateway gateway, Payment payment, Transaction target) {
    Optional<String> reference = target.gatewayReference();
    if (reference.isEmpty() && !target.isInitial()) {
      reference = payment.transactions().get(0).gatewayReference();
    }
    return new StatusRequest(
        credentials.credentials(tenant, gateway.id()), target.idempotencyKey(), target.operation(), reference,
        target.amount());
  }
}
