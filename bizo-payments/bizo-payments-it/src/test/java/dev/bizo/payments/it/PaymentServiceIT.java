package dev.bizo.payments.it;

import static dev.bizo.payments.it.PaymentsFixture.card;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.BizoException;
import dev.bizo.core.ConflictException;
import dev.bizo.core.Money;
import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.payments.CaptureMode;
import dev.bizo.payments.NewPayment;
import dev.bizo.payments.Payment;
import dev.bizo.payments.PaymentId;
import dev.bizo.payments.PaymentPage;
import dev.bizo.payments.PaymentQuery;
import dev.bizo.payments.PaymentResponse;
import dev.bizo.payments.PaymentService;
import dev.bizo.payments.PaymentStatus;
import dev.bizo.payments.PaymentSummary;
import dev.bizo.payments.ReconciliationSchedule;
import dev.bizo.payments.TransactionId;
import dev.bizo.payments.TransactionStatus;
import dev.bizo.payments.WebhookOutcome;
import dev.bizo.payments.internal.persistence.PaymentStore;
import dev.bizo.payments.internal.persistence.StoredPayment;
import dev.bizo.payments.simulator.SignedWebhook;
import dev.bizo.payments.simulator.SimulatorCards;
import dev.bizo.payments.simulator.SimulatorGateway;
import dev.bizo.payments.simulator.SimulatorWebhooks;
import dev.bizo.payments.spi.GatewayResult;
import dev.bizo.payments.spi.IdempotencyKey;
import dev.bizo.payments.spi.PaymentMethod;
import dev.bizo.payments.spi.ReceivedHeaders;
import dev.bizo.payments.spi.WebhookEventType;
import dev.bizo.payments.spi.WebhookRejectedException;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
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
class PaymentServiceIT {

  private PaymentsFixture fx;
  private PaymentService payments;
  private TenantId tenant;

  @BeforeAll
  void start(TestDatabase db) {
    fx = new PaymentsFixture(db, Clock.systemUTC());
    payments = fx.payments;
    tenant = fx.newTenant();
  }

  @AfterAll
  void stop() {
    assertThat(fx.database.tenantLeaksOnRelease()).isZero();
    fx.close();
  }

  private long keysReceived(IdempotencyKey key) {
    return fx.simulator.receivedIdempotencyKeys().stream().filter(key::equals).count();
  }

  @Test
  void hundred_concurrent_duplicates_reach_the_gateway_once_and_get_identical_responses() throws Exception {
    IdempotencyKey key = IdempotencyKey.random();
    NewPayment request = card("25.00", SimulatorCards.SUCCESS);
    int before = fx.gateway.initialCalls.get();
    ExecutorService pool = Executors.newFixedThreadPool(100);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<PaymentResponse>> futures = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        Callable<PaymentResponse> call = () -> {
          go.await();
          return payments.create(tenant, request, key);
        };
        futures.add(pool.submit(call));
      }
      go.countDown();
      Set<PaymentResponse> distinct = new HashSet<>();
      for (Future<PaymentResponse> f : futures) {
        distinct.add(f.get(60, TimeUnit.SECONDS));
      }
      assertThat(distinct).hasSize(1);
      PaymentResponse response = distinct.iterator().next();
      assertThat(response.status()).isEqualTo(PaymentStatus.CAPTURED);
      assertThat(fx.gateway.initialCalls.get() - before).isEqualTo(1);
      assertThat(keysReceived(key)).isEqualTo(1);
      assertThat(payments.list(tenant, PaymentQuery.builder().limit(200).build()).items())
          .filteredOn(p -> p.id().equals(response.paymentId())).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void same_key_with_different_parameters_is_a_conflict() {
    IdempotencyKey key = IdempotencyKey.random();
    payments.create(tenant, card("10.00", SimulatorCards.SUCCESS), key);

    assertThatThrownBy(() -> payments.create(tenant, card("10.01", SimulatorCards.SUCCESS), key))
        .isInstanceOf(ConflictException.class)
        .extracting(e -> ((BizoException) e).code()).isEqualTo("idempotency.key_reused");
    assertThat(keysReceived(key)).isEqualTo(1);
  }

  @Test
  void stored_decline_is_replayed_without_reaching_the_gateway_again() {
    IdempotencyKey key = IdempotencyKey.random();
    PaymentResponse first = payments.create(tenant, card("12.00", SimulatorCards.DECLINE_INSUFFICIENT_FUNDS), key);
    PaymentResponse again = payments.create(tenant, card("12.00", SimulatorCards.DECLINE_INSUFFICIENT_FUNDS), key);

    assertThat(first.status()).isEqualTo(PaymentStatus.DECLINED);
    assertThat(first.declineCode()).contains("insufficient_funds");
    assertThat(again).isEqualTo(first);
    assertThat(keysReceived(key)).isEqualTo(1);
  }

  @Test
  void stored_failure_is_replayed_even_after_the_payment_moved_on() {
    PaymentResponse authorized = payments.create(tenant, manual("30.00"), IdempotencyKey.random());
    IdempotencyKey refundKey = IdempotencyKey.random();
    Optional<Money> ten = Optional.of(Money.of("10.00", "EUR"));
    assertThatThrownBy(() -> payments.refund(tenant, authorized.paymentId(), ten, refundKey))
        .isInstanceOf(ConflictException.class)
        .extracting(e -> ((BizoException) e).code()).isEqualTo("payment.illegal_transition");

    payments.capture(tenant, authorized.paymentId(), Optional.empty(), IdempotencyKey.random());

    assertThatThrownBy(() -> payments.refund(tenant, authorized.paymentId(), ten, refundKey))
        .isInstanceOf(ConflictException.class)
        .extracting(e -> ((BizoException) e).code()).isEqualTo("payment.illegal_transition");
    assertThat(keysReceived(refundKey)).isZero();
    PaymentResponse refunded = payments.refund(tenant, authorized.paymentId(), ten, IdempotencyKey.random());
    assertThat(refunded.status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
  }

  @Test
  void unreachable_gateway_fails_the_payment_and_the_failure_is_replayed() {
    IdempotencyKey key = IdempotencyKey.random();
    PaymentResponse first = payments.create(tenant, card("5.00", SimulatorCards.UNREACHABLE), key);
    PaymentResponse again = payments.create(tenant, card("5.00", SimulatorCards.UNREACHABLE), key);

    assertThat(first.status()).isEqualTo(PaymentStatus.FAILED);
    assertThat(first.transactionStatus()).isEqualTo(TransactionStatus.FAILED);
    assertThat(first.declineCode()).contains("gateway.unreachable");
    assertThat(again).isEqualTo(first);
  }

  @Test
  void amount_above_the_gateway_maximum_is_rejected_before_anything_is_stored() {
    IdempotencyKey key = IdempotencyKey.random();
    assertThatThrownBy(() -> payments.create(tenant, card("1000000.00", SimulatorCards.SUCCESS), key))
        .isInstanceOf(ValidationException.class);

    PaymentResponse accepted = payments.create(tenant, card("100.00", SimulatorCards.SUCCESS), key);
    assertThat(accepted.status()).isEqualTo(PaymentStatus.CAPTURED);
  }

  @Test
  void refund_total_is_capped_at_the_captured_total() {
    PaymentId id = payments.create(tenant, card("100.00", SimulatorCards.SUCCESS), IdempotencyKey.random()).paymentId();

    assertThat(refund(id, "60.00").status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
    assertThatThrownBy(() -> refund(id, "40.01"))
        .isInstanceOf(ConflictException.class)
        .extracting(e -> ((BizoException) e).code()).isEqualTo("payment.refund_exceeds_captured");
    assertThat(refund(id, "40.00").status()).isEqualTo(PaymentStatus.REFUNDED);
    assertThatThrownBy(() -> refund(id, "0.01")).isInstanceOf(ConflictException.class);

    Payment stored = payments.get(tenant, id).orElseThrow();
    assertThat(stored.refundedAmount()).isEqualTo(Money.of("100.00", "EUR"));
  }

  @Test
  void concurrent_refunds_never_exceed_the_captured_total() throws Exception {
    PaymentId id = payments.create(tenant, card("100.00", SimulatorCards.SUCCESS), IdempotencyKey.random()).paymentId();
    ExecutorService pool = Executors.newFixedThreadPool(10);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Boolean>> futures = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        futures.add(pool.submit(() -> {
          go.await();
          try {
            refund(id, "20.00");
            return true;
          } catch (ConflictException e) {
            return false;
          }
        }));
      }
      go.countDown();
      int succeeded = 0;
      for (Future<Boolean> f : futures) {
        succeeded += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(succeeded).isEqualTo(5);
      Payment stored = payments.get(tenant, id).orElseThrow();
      assertThat(stored.status()).isEqualTo(PaymentStatus.REFUNDED);
      assertThat(stored.refundedAmount()).isEqualTo(Money.of("100.00", "EUR"));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void partial_capture_then_a_void_is_refused() {
    PaymentResponse authorized = payments.create(tenant, manual("80.00"), IdempotencyKey.random());
    assertThat(authorized.status()).isEqualTo(PaymentStatus.AUTHORIZED);

    PaymentResponse captured = payments.capture(
        tenant, authorized.paymentId(), Optional.of(Money.of("50.00", "EUR")), IdempotencyKey.random());

    assertThat(captured.status()).isEqualTo(PaymentStatus.CAPTURED);
    assertThat(captured.transactionAmount()).isEqualTo(Money.of("50.00", "EUR"));
    assertThatThrownBy(() -> payments.voidPayment(tenant, authorized.paymentId(), IdempotencyKey.random()))
        .isInstanceOf(ConflictException.class)
        .extracting(e -> ((BizoException) e).code()).isEqualTo("payment.illegal_transition");
  }

  @Test
  void void_releases_an_authorization_and_writes_history_and_events() {
    PaymentResponse authorized = payments.create(tenant, manual("15.00"), IdempotencyKey.random());
    PaymentResponse voided = payments.voidPayment(tenant, authorized.paymentId(), IdempotencyKey.random());

    assertThat(voided.status()).isEqualTo(PaymentStatus.VOIDED);
    // created, NEW -> AUTHORIZED, AUTHORIZED -> VOIDED
    assertThat(fx.historyRows(tenant, voided.paymentId())).isEqualTo(3);
    assertThat(eventTypes(voided.paymentId()))
        .containsExactly("payment.created", "payment.authorized", "payment.voided");
  }

  @Test
  void purchase_writes_one_history_row_and_one_outbox_event_per_change() {
    PaymentResponse paid = payments.create(tenant, card("9.99", SimulatorCards.SUCCESS), IdempotencyKey.random());

    assertThat(fx.historyRows(tenant, paid.paymentId())).isEqualTo(2);
    assertThat(eventTypes(paid.paymentId())).containsExactly("payment.created", "payment.succeeded");
  }

  @Test
  void a_payment_saved_by_another_writer_during_the_gateway_call_is_read_again_before_the_answer_is_recorded() {
    PaymentStore store = new PaymentStore(Clock.systemUTC(), ReconciliationSchedule.standard());
    IdempotencyKey key = IdempotencyKey.random();
    // While the gateway works, another writer (as reconciliation would) marks the requested purchase UNKNOWN.
    fx.gateway.duringPurchase = request -> fx.database.transactions().inTenantJdbc(tenant, c -> {
      UUID paymentId;
      UUID transactionId;
      try (PreparedStatement s = c.prepareStatement(
          "select payment_id, id from payment_transaction where idempotency_key = ?")) {
        s.setString(1, request.idempotencyKey().value());
        try (ResultSet rs = s.executeQuery()) {
          assertThat(rs.next()).isTrue();
          paymentId = rs.getObject(1, UUID.class);
          transactionId = rs.getObject(2, UUID.class);
        }
      }
      StoredPayment stored = store.load(c, new PaymentId(paymentId), true).orElseThrow();
      assertThat(stored.payment().record(new TransactionId(transactionId), GatewayResult.unknown(null, "meanwhile"))).isTrue();
      return store.saveChanges(c, stored);
    });
    PaymentResponse paid;
    try {
      paid = payments.create(tenant, card("12.34", SimulatorCards.SUCCESS), key);
    } finally {
      fx.gateway.duringPurchase = null;
    }

    assertThat(paid.status()).isEqualTo(PaymentStatus.CAPTURED);
    assertThat(eventTypes(paid.paymentId()))
        .as("the other writer's change kept, the answer recorded on top of it")
        .containsExactly("payment.created", "payment.unknown", "payment.succeeded");
    assertThat(fx.historyRows(tenant, paid.paymentId())).isEqualTo(3);
    assertThat(fx.count(tenant, "select version from payment where id = ?", paid.paymentId())).isEqualTo(2);
  }

  @Test
  void rolled_back_change_leaves_no_outbox_row() {
    PaymentStore store = new PaymentStore(Clock.systemUTC(), ReconciliationSchedule.standard());
    Payment payment = Payment.create(PaymentId.generate(), tenant, "simulator", Money.of("1.00", "EUR"), Clock.systemUTC());

    assertThatThrownBy(() -> fx.database.transactions().inTenantJdbc(tenant, c -> {
      store.insert(c, StoredPayment.fresh(payment), CaptureMode.AUTOMATIC, Optional.empty());
      throw new IllegalStateException("boom after writing");
    })).isInstanceOf(IllegalStateException.class);

    assertThat(fx.outboxRows(tenant, payment.id())).isZero();
    assertThat(fx.count(tenant, "select count(*) from payment where id = ?", payment.id())).isZero();
    assertThat(fx.historyRows(tenant, payment.id())).isZero();
  }

  @Test
  void redirect_payment_is_authorized_once_by_its_webhook_and_a_redelivery_is_a_no_op() {
    PaymentResponse pending = payments.create(tenant,
        NewPayment.builder(Money.of("44.00", "EUR"), PaymentMethod.token(SimulatorCards.REQUIRES_REDIRECT))
            .captureMode(CaptureMode.MANUAL).build(),
        IdempotencyKey.random());
    assertThat(pending.status()).isEqualTo(PaymentStatus.PENDING);
    assertThat(pending.nextAction()).isPresent();
    String reference = pending.gatewayReference().orElseThrow();

    fx.simulator.completeRedirect(reference, true);
    SignedWebhook webhook = lastWebhookAbout(reference);

    assertThat(deliver(webhook)).isEqualTo(WebhookOutcome.APPLIED);
    assertThat(payments.get(tenant, pending.paymentId()).orElseThrow().status()).isEqualTo(PaymentStatus.AUTHORIZED);
    long history = fx.historyRows(tenant, pending.paymentId());
    long events = fx.outboxRows(tenant, pending.paymentId());

    assertThat(deliver(webhook)).isEqualTo(WebhookOutcome.DUPLICATE);
    assertThat(fx.historyRows(tenant, pending.paymentId())).isEqualTo(history);
    assertThat(fx.outboxRows(tenant, pending.paymentId())).isEqualTo(events);
    assertThat(eventTypes(pending.paymentId())).contains("payment.authorized");
  }

  @Test
  void tampered_webhook_is_rejected_and_nothing_is_stored() {
    PaymentResponse pending = payments.create(tenant, card("45.00", SimulatorCards.REQUIRES_REDIRECT), IdempotencyKey.random());
    String reference = pending.gatewayReference().orElseThrow();
    fx.simulator.completeRedirect(reference, true);
    SignedWebhook webhook = lastWebhookAbout(reference);
    byte[] tampered = webhook.bodyAsUtf8().replace("4500", "4501").getBytes(StandardCharsets.UTF_8);
    assertThat(tampered).isNotEqualTo(webhook.body());
    long received = webhookRows();

    assertThatThrownBy(() -> payments.handleWebhook(
            "simulator", tenant, tampered, ReceivedHeaders.of(webhook.headers())))
        .isInstanceOf(WebhookRejectedException.class);

    assertThat(webhookRows()).isEqualTo(received);
    assertThat(payments.get(tenant, pending.paymentId()).orElseThrow().status()).isEqualTo(PaymentStatus.PENDING);
  }

  @Test
  void failed_3ds_webhook_declines_the_pending_payment() {
    PaymentResponse pending = payments.create(tenant, card("46.00", SimulatorCards.REQUIRES_REDIRECT), IdempotencyKey.random());
    String reference = pending.gatewayReference().orElseThrow();
    fx.simulator.completeRedirect(reference, false);

    assertThat(deliver(lastWebhookAbout(reference))).isEqualTo(WebhookOutcome.APPLIED);

    assertThat(payments.get(tenant, pending.paymentId()).orElseThrow().status()).isEqualTo(PaymentStatus.DECLINED);
    assertThat(eventTypes(pending.paymentId())).endsWith("payment.failed");
  }

  @Test
  void verified_webhook_that_does_not_fit_makes_the_service_ask_the_gateway_instead() {
    PaymentResponse pending = payments.create(tenant, card("47.00", SimulatorCards.REQUIRES_REDIRECT), IdempotencyKey.random());
    String reference = pending.gatewayReference().orElseThrow();
    // correctly signed, but claims more was captured than the payment asked for: not a legal move
    byte[] body = SimulatorWebhooks.eventBody(
        "evt_overcapture_" + reference, WebhookEventType.PAYMENT_CAPTURED, reference, Money.of("99.00", "EUR"), Instant.now());
    SignedWebhook forged = SimulatorWebhooks.sign(body, SimulatorGateway.DEFAULT_WEBHOOK_SECRET, Instant.now());
    int statusCalls = fx.gateway.statusCalls.get();
    long history = fx.historyRows(tenant, pending.paymentId());

    assertThat(deliver(forged)).isEqualTo(WebhookOutcome.NO_CHANGE);

    assertThat(fx.gateway.statusCalls.get() - statusCalls).isEqualTo(1);
    assertThat(payments.get(tenant, pending.paymentId()).orElseThrow().status()).isEqualTo(PaymentStatus.PENDING);
    assertThat(fx.historyRows(tenant, pending.paymentId())).isEqualTo(history);
  }

  @Test
  void list_pages_by_creation_time_and_filters_by_status() {
    TenantId own = fx.newTenant();
    List<PaymentId> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String cardNumber = i % 2 == 0 ? SimulatorCards.SUCCESS : SimulatorCards.DECLINE_CARD_DECLINED;
      created.add(payments.create(own, card((i + 1) + ".00", cardNumber), IdempotencyKey.random()).paymentId());
    }

    List<PaymentId> seen = new ArrayList<>();
    PaymentPage page = payments.list(own, PaymentQuery.builder().limit(2).build());
    int pages = 1;
    page.items().forEach(p -> seen.add(p.id()));
    while (page.nextCursor().isPresent()) {
      page = payments.list(own, PaymentQuery.builder().limit(2).after(page.nextCursor().get()).build());
      page.items().forEach(p -> seen.add(p.id()));
      pages++;
    }
    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactlyElementsOf(created);

    List<PaymentSummary> declined =
        payments.list(own, PaymentQuery.builder().status(PaymentStatus.DECLINED).build()).items();
    assertThat(declined).extracting(PaymentSummary::id).containsExactly(created.get(1), created.get(3));
    assertThat(payments.list(own, PaymentQuery.builder().gateway("stripe").build()).items()).isEmpty();
  }

  private NewPayment manual(String amount) {
    return NewPayment.builder(Money.of(amount, "EUR"), PaymentMethod.token(SimulatorCards.SUCCESS))
        .captureMode(CaptureMode.MANUAL).build();
  }

  private PaymentResponse refund(PaymentId id, String amount) {
    return payments.refund(tenant, id, Optional.of(Money.of(amount, "EUR")), IdempotencyKey.random());
  }

  private WebhookOutcome deliver(SignedWebhook webhook) {
    return payments.handleWebhook("simulator", tenant, webhook.body(), ReceivedHeaders.of(webhook.headers()));
  }

  private SignedWebhook lastWebhookAbout(String reference) {
    List<SignedWebhook> all = fx.simulator.webhooks();
    for (int i = all.size() - 1; i >= 0; i--) {
      if (all.get(i).bodyAsUtf8().contains(reference)) {
        return all.get(i);
      }
    }
    throw new AssertionError("no webhook about " + reference);
  }

  private long webhookRows() {
    return fx.database.transactions().inTenantJdbc(tenant, c -> {
      try (PreparedStatement s = c.prepareStatement("select count(*) from payment_webhook_event");
          ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  private List<String> eventTypes(PaymentId id) {
    return fx.database.transactions().inTenantJdbc(tenant, c -> {
      List<String> types = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(
          "select event_type from bizo_outbox where aggregate_id = ? order by recorded_at, occurred_at, id")) {
        s.setString(1, id.toString());
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            types.add(rs.getString(1));
          }
        }
      }
      return types;
    });
  }
}
