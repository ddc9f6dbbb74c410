package dev.bizo.payments.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.core.Money;
import dev.bizo.core.Providers;
import dev.bizo.core.TenantId;
import dev.bizo.payments.GatewayRouter;
import dev.bizo.payments.Payment;
import dev.bizo.payments.PaymentHistoryEntry;
import dev.bizo.payments.PaymentId;
import dev.bizo.payments.PaymentStatus;
import dev.bizo.payments.ReconciliationSchedule;
import dev.bizo.payments.RoutedResult;
import dev.bizo.payments.RoutingPolicy;
import dev.bizo.payments.Transaction;
import dev.bizo.payments.spi.GatewayCredentials;
import dev.bizo.payments.spi.GatewayResult;
import dev.bizo.payments.spi.IdempotencyKey;
import dev.bizo.payments.spi.PaymentGateway;
import dev.bizo.payments.spi.PaymentMethod;
import dev.bizo.payments.spi.PaymentRequest;
import dev.bizo.payments.spi.StatusRequest;
import dev.bizo.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pure pieces together: route, record UNKNOWN, then reconcile on the backoff schedule to the truth. */
class SimulatorReconciliationTest {

  private final MutableClock clock = MutableClock.startingAtNewYear();
  private final SimulatorGateway simulator = SimulatorGateway.builder().clock(clock).build();
  private final GatewayRouter router = new GatewayRouter(
      Providers.builder(PaymentGateway.class, PaymentGateway::id).register(simulator).discover(false).build());

  @Test
  void an_unknown_purchase_settles_on_the_first_scheduled_check_with_one_history_entry_per_change() {
    Money amount = Money.of("42.00", "EUR");
    Payment payment = Payment.create(PaymentId.generate(), TenantId.generate(), "simulator", amount, clock);
    IdempotencyKey key = IdempotencyKey.random();
    Transaction tx = payment.beginPurchase(key);
    PaymentRequest request = PaymentRequest.builder()
        .credentials(GatewayCredentials.none()).idempotencyKey(key).amount(amount)
        .paymentMethod(PaymentMethod.token(SimulatorCards.TIMEOUT_THEN_SUCCEEDS)).build();

    RoutedResult routed = router.route(
        RoutingPolicy.builder().defaultGateway("simulator").build(), Optional.empty(), amount.currency(),
        g -> g.purchase(request));
    payment.record(tx.id(), routed.result());
    assertThat(payment.status()).isEqualTo(PaymentStatus.UNKNOWN);

    ReconciliationSchedule schedule = ReconciliationSchedule.standard();
    Instant since = clock.instant();
    int attempts = 0;
    int checks = 0;
    while (payment.status() == PaymentStatus.UNKNOWN && !schedule.isExhausted(attempts)) {
      clock.advance(Duration.ofSeconds(30));
      if (schedule.isDue(since, attempts, clock)) {
        attempts++;
        since = clock.instant();
        Transaction current = payment.transaction(tx.id());
        GatewayResult truth = simulator.fetchStatus(new StatusRequest(
            GatewayCredentials.none(), current.idempotencyKey(), current.operation(), current.gatewayReference(),
            current.amount()));
        payment.record(tx.id(), truth);
        checks++;
      }
    }

    assertThat(payment.status()).isEqualTo(PaymentStatus.CAPTURED);
    assertThat(checks).isEqualTo(1);
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:01:00Z"));
    assertThat(payment.history()).extracting(PaymentHistoryEntry::to)
        .containsExactly(PaymentStatus.NEW, PaymentStatus.UNKNOWN, PaymentStatus.CAPTURED);
    assertThat(simulator.chargeCount()).isEqualTo(1);
  }
}
