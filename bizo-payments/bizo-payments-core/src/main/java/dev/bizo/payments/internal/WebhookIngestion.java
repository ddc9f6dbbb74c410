package dev.bizo.payments.internal;

import dev.bizo.core.ConflictException;
import dev.bizo.core.NotFoundException;
import dev.bizo.core.TenantId;
import dev.bizo.payments.GatewayCredentialsSource;
import dev.bizo.payments.GatewayRouter;
import dev.bizo.payments.Payment;
import dev.bizo.payments.PaymentId;
import dev.bizo.payments.Transaction;
import dev.bizo.payments.TransactionStatus;
import dev.bizo.payments.WebhookOutcome;
import dev.bizo.payments.internal.persistence.PaymentStore;
import dev.bizo.payments.internal.persistence.StoredPayment;
import dev.bizo.payments.internal.persistence.WebhookEventLog;
import dev.bizo.payments.spi.GatewayOperation;
import dev.bizo.payments.spi.GatewayResult;
import dev.bizo.payments.spi.PaymentGateway;
import dev.bizo.payments.spi.ReceivedHeaders;
import dev.bizo.payments.spi.WebhookEvent;
import dev.bizo.payments.spi.WebhookEventType;
import dev.bizo.payments.spi.WebhookRequest;
import dev.bizo.tenancy.Transactions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes in gateway webhooks: verifies each over its raw bytes with the tenant's credentials before anything else,
 * deduplicates on the event id, and moves the payment only along a legal transition, asking the gateway (through
 * the {@link PaymentReconciler}) when the event does not fit.
 */
public final class WebhookIngestion {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookIngestion.class);
  private static final Set<TransactionStatus> OPEN =
      EnumSet.of(TransactionStatus.REQUESTED, TransactionStatus.PENDING, TransactionStatus.UNKNOWN);

  private final Transactions tx;
  private final PaymentStore store;
  private final WebhookEventLog events = new WebhookEventLog();
  private final GatewayRouter router;
  private final GatewayCredentialsSource credentials;
  private final PaymentReconciler reconciler;
  private final Clock clock;

  public WebhookIngestion(Transactions tx, PaymentStore store, GatewayRouter router,
      GatewayCredentialsSource credentials, PaymentReconciler reconciler, Clock clock) {
    this.tx = Objects.requireNonNull(tx, "tx");
    this.store = Objects.requireNonNull(store, "store");
    this.router = Objects.requireNonNull(router, "router");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.reconciler = Objects.requireNonNull(reconciler, "reconciler");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Verifies, deduplicates and applies one webhook.
   *
   * @throws dev.bizo.payments.spi.WebhookRejectedException when verification fails; nothing is stored
   * @throws NotFoundException {@code gateway} when no such gateway is installed
   */
  public WebhookOutcome handle(String gatewayId, TenantId tenant, byte[] rawBody, ReceivedHeaders headers) {
    Objects.requireNonNull(tenant, "tenant");
    PaymentGateway gateway = router.gateways().find(Objects.requireNonNull(gatewayId, "gatewayId"))
        .orElseThrow(() -> NotFoundException.of("gateway", gatewayId));
    WebhookEvent event = gateway.verifyAndParseWebhook(
        WebhookRequest.of(rawBody, headers, credentials.credentials(tenant, gatewayId)));
    return tx.inTenantJdbc(tenant, c -> {
      if (!events.recordReceived(c, tenant, gatewayId, event, clock.instant())) {
        LOG.debug("Webhook {} from {} already received; ignored", event.eventId(), gatewayId);
        return WebhookOutcome.DUPLICATE;
      }
      WebhookOutcome outcome = apply(c, tenant, gateway, event);
      events.recordOutcome(c, gatewayId, event.eventId(), outcome);
      return outcome;
    });
  }

  private WebhookOutcome apply(Connection c, TenantId tenant, PaymentGateway gateway, WebhookEvent event)
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
        changed = reconciler.recordFetched(tenant, gateway, payment, target);
      }
    } else {
      // several candidates (e.g. concurrent refunds under one charge): the gateway says which one happened
      for (Transaction target : open) {
        changed |= reconciler.recordFetched(tenant, gateway, payment, target);
      }
    }
    if (!changed) {
      return WebhookOutcome.NO_CHANGE;
    }
    store.saveChanges(c, stored);
    return WebhookOutcome.APPLIED;
  }

  /** The operations an event of this type can settle. */
  private static Set<GatewayOperation> operationsOf(WebhookEventType type) {
    return switch (type) {
      case PAYMENT_AUTHORIZED -> EnumSet.of(GatewayOperation.AUTHORIZE);
      case PAYMENT_CAPTURED -> EnumSet.of(GatewayOperation.PURCHASE, GatewayOperation.CAPTURE);
      case PAYMENT_FAILED -> EnumSet.of(GatewayOperation.AUTHORIZE, GatewayOperation.PURCHASE);
      case PAYMENT_VOIDED -> EnumSet.of(GatewayOperation.VOID);
      case PAYMENT_REFUNDED -> EnumSet.of(GatewayOperation.REFUND);
      case OTHER -> EnumSet.noneOf(GatewayOperation.class);
    };
  }
}
