package dev.bizo.payments.it;

import static dev.bizo.payments.it.PaymentsFixture.card;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.TenantId;
import dev.bizo.payments.PaymentId;
import dev.bizo.payments.PaymentQuery;
import dev.bizo.payments.PaymentResponse;
import dev.bizo.payments.PaymentService;
import dev.bizo.payments.PaymentStatus;
import dev.bizo.payments.RoutingPolicy;
import dev.bizo.payments.TransactionStatus;
import dev.bizo.payments.simulator.SimulatorCards;
import dev.bizo.payments.spi.GatewayCredentials;
import dev.bizo.payments.spi.IdempotencyKey;
import dev.bizo.testkit.MutableClock;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@RealServices
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentReconciliationIT {

  private final MutableClock clock = MutableClock.startingAtNewYear();
  private PaymentsFixture fx;
  private PaymentService payments;

  @BeforeAll
  void start(TestDatabase db) {
    fx = new PaymentsFixture(db, clock);
    payments = fx.payments;
  }

  @AfterAll
  void stop() {
    assertThat(fx.database.tenantLeaksOnRelease()).isZero();
    fx.close();
  }

  @Test
  void unknown_purchase_settles_to_the_gateways_success_on_schedule_with_one_history_row_per_change() {
    TenantId tenant = fx.newTenant();
    PaymentResponse lost = payments.create(tenant, card("70.00", SimulatorCards.TIMEOUT_THEN_SUCCEEDS), IdempotencyKey.random());
    assertThat(lost.status()).isEqualTo(PaymentStatus.UNKNOWN);
    assertThat(fx.historyRows(tenant, lost.paymentId())).isEqualTo(2);

    clock.advance(Duration.ofSeconds(59));
    assertThat(payments.reconcileDue(tenant, 10)).isZero();

    clock.advance(Duration.ofSeconds(1));
    assertThat(payments.reconcileDue(tenant, 10)).isEqualTo(1);
    assertThat(status(tenant, lost.paymentId())).isEqualTo(PaymentStatus.CAPTURED);
    // created, NEW -> UNKNOWN, UNKNOWN -> CAPTURED
    assertThat(fx.historyRows(tenant, lost.paymentId())).isEqualTo(3);
    assertThat(fx.outboxRows(tenant, lost.paymentId())).isEqualTo(3);

    clock.advance(Duration.ofDays(2));
    assertThat(payments.reconcileDue(tenant, 10)).isZero();
    assertThat(fx.historyRows(tenant, lost.paymentId())).isEqualTo(3);
  }

  @Test
  void unknown_purchase_that_failed_at_the_gateway_settles_as_declined() {
    TenantId tenant = fx.newTenant();
    PaymentResponse lost = payments.create(tenant, card("71.00", SimulatorCards.TIMEOUT_THEN_FAILS), IdempotencyKey.random());

    clock.advance(Duration.ofMinutes(1));
    assertThat(payments.reconcileDue(tenant, 10)).isEqualTo(1);

    assertThat(status(tenant, lost.paymentId())).isEqualTo(PaymentStatus.DECLINED);
    assertThat(fx.historyRows(tenant, lost.paymentId())).isEqualTo(3);
  }

  @Test
  void pending_redirect_is_rechecked_along_the_backoff_until_the_gateway_settles_it() {
    TenantId tenant = fx.newTenant();
    PaymentResponse pending = payments.create(tenant, card("72.00", SimulatorCards.REQUIRES_REDIRECT), IdempotencyKey.random());
    int statusCalls = fx.gateway.statusCalls.get();

    clock.advance(Duration.ofMinutes(1));
    assertThat(payments.reconcileDue(tenant, 10)).isEqualTo(1);
    assertThat(status(tenant, pending.paymentId())).isEqualTo(PaymentStatus.PENDING);
    assertThat(fx.historyRows(tenant, pending.paymentId())).isEqualTo(2);

    clock.advance(Duration.ofMinutes(4));
    assertThat(payments.reconcileDue(tenant, 10)).isZero();
    fx.simulator.completeRedirect(pending.gatewayReference().orElseThrow(), true);
    clock.advance(Duration.ofMinutes(1));
    assertThat(payments.reconcileDue(tenant, 10)).isEqualTo(1);

    assertThat(status(tenant, pending.paymentId())).isEqualTo(PaymentStatus.CAPTURED);
    assertThat(fx.historyRows(tenant, pending.paymentId())).isEqualTo(3);
    assertThat(fx.gateway.statusCalls.get() - statusCalls).isEqualTo(2);
  }

  @Test
  void two_concurrent_reconcilers_check_each_transaction_exactly_once() throws Exception {
    TenantId tenant = fx.newTenant();
    List<PaymentId> lost = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      lost.add(payments.create(tenant, card("3.00", SimulatorCards.SERVER_ERROR_THEN_SUCCEEDS), IdempotencyKey.random())
          .paymentId());
    }
    clock.advance(Duration.ofMinutes(2));
    int statusCalls = fx.gateway.statusCalls.get();

    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> runs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        runs.add(pool.submit(() -> {
          go.await();
          int checked = 0;
          int batch;
          do {
            batch = payments.reconcileDue(tenant, 3);
            checked += batch;
          } while (batch > 0);
          return checked;
        }));
      }
      go.countDown();
      int total = 0;
      for (Future<Integer> run : runs) {
        total += run.get(60, TimeUnit.SECONDS);
      }
      assertThat(total).isEqualTo(20);
    } finally {
      pool.shutdownNow();
    }
    assertThat(fx.gateway.statusCalls.get() - statusCalls).isEqualTo(20);
    for (PaymentId id : lost) {
      assertThat(status(tenant, id)).isEqualTo(PaymentStatus.CAPTURED);
      assertThat(fx.historyRows(tenant, id)).isEqualTo(3);
    }
  }

  @Test
  void reading_an_unknown_payment_rechecks_it_with_the_gateway() {
    TenantId tenant = fx.newTenant();
    PaymentResponse lost = payments.create(
        tenant, card("73.00", SimulatorCards.CONNECTION_RESET_THEN_SUCCEEDS), IdempotencyKey.random());
    assertThat(lost.transactionStatus()).isEqualTo(TransactionStatus.UNKNOWN);

    assertThat(payments.get(tenant, lost.paymentId()).orElseThrow().status()).isEqualTo(PaymentStatus.CAPTURED);
    assertThat(fx.historyRows(tenant, lost.paymentId())).isEqualTo(3);
  }

  @Test
  void idempotency_records_are_kept_a_day_then_pruned_and_the_key_is_free_again() {
    TenantId tenant = fx.newTenant();
    IdempotencyKey key = IdempotencyKey.random();
    PaymentResponse first = payments.create(tenant, card("8.00", SimulatorCards.SUCCESS), key);
    payments.create(tenant, card("9.00", SimulatorCards.SUCCESS), IdempotencyKey.random());

    clock.advance(Duration.ofHours(23));
    assertThat(payments.pruneIdempotencyRecords(tenant)).isZero();
    assertThat(payments.create(tenant, card("8.00", SimulatorCards.SUCCESS), key)).isEqualTo(first);

    clock.advance(Duration.ofHours(2));
    assertThat(payments.pruneIdempotencyRecords(tenant)).isEqualTo(2);
    PaymentResponse fresh = payments.create(tenant, card("8.00", SimulatorCards.SUCCESS), key);
    assertThat(fresh.paymentId()).isNotEqualTo(first.paymentId());
  }

  @Test
  void a_request_whose_answer_was_lost_in_a_crash_is_settled_by_the_janitor_and_its_key_then_replays() {
    PaymentService crashing = fx.service(clock, (tenant, gatewayId) -> GatewayCredentials.none(),
        RoutingPolicy.builder().defaultGateway("crashy").build(), new CrashAfterSending(fx.simulator));
    TenantId tenant = fx.newTenant();
    IdempotencyKey key = IdempotencyKey.random();
    assertThatThrownBy(() -> crashing.create(tenant, card("74.00", SimulatorCards.SUCCESS), key))
        .isInstanceOf(CrashAfterSending.Crash.class);
    PaymentId id = crashing.list(tenant, PaymentQuery.builder().build()).items().get(0).id();
    assertThat(status(tenant, id)).isEqualTo(PaymentStatus.NEW);

    clock.advance(Duration.ofMinutes(1));
    assertThat(crashing.reconcileDue(tenant, 10)).isEqualTo(1);

    assertThat(status(tenant, id)).isEqualTo(PaymentStatus.CAPTURED);
    PaymentResponse replayed = crashing.create(tenant, card("74.00", SimulatorCards.SUCCESS), key);
    assertThat(replayed.paymentId()).isEqualTo(id);
    assertThat(replayed.status()).isEqualTo(PaymentStatus.CAPTURED);
    assertThat(fx.simulator.receivedIdempotencyKeys().stream().filter(key::equals).count()).isEqualTo(1);
    assertThat(fx.historyRows(tenant, id)).isEqualTo(2);
  }

  private PaymentStatus status(TenantId tenant, PaymentId id) {
    return payments.get(tenant, id).orElseThrow().status();
  }
}
