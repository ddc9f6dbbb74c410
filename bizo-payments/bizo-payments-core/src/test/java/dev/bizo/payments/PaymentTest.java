package dev.bizo.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bizo.core.ConflictException;
import dev.bizo.core.Money;
import dev.bizo.core.NotFoundException;
import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.payments.spi.GatewayOperation;
import dev.bizo.payments.spi.GatewayResult;
import dev.bizo.payments.spi.GatewayUnreachableException;
import dev.bizo.payments.spi.IdempotencyKey;
import dev.bizo.payments.spi.NextAction;
import dev.bizo.testkit.MutableClock;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PaymentTest {

  private static final Money EUR_100 = Money.of("100.00", "EUR");

  private final MutableClock clock = MutableClock.startingAtNewYear();

  private Payment newPayment() {
    return Payment.create(PaymentId.generate(), TenantId.generate(), "simulator", EUR_100, clock);
  }

  private Payment authorized() {
    Payment p = newPayment();
    Transaction tx = p.beginAuthorization(IdempotencyKey.random());
    p.record(tx.id(), GatewayResult.success("ch_1", EUR_100));
    return p;
  }

  private Payment captured() {
    Payment p = newPayment();
    Transaction tx = p.beginPurchase(IdempotencyKey.random());
    p.record(tx.id(), GatewayResult.success("ch_1", EUR_100));
    return p;
  }

  private static Money eur(String amount) {
    return Money.of(amount, "EUR");
  }

  @Test
  void starts_new_with_a_creation_entry() {
    Payment p = newPayment();
    assertThat(p.status()).isEqualTo(PaymentStatus.NEW);
    assertThat(p.history()).singleElement().satisfies(e -> {
      assertThat(e.from()).isEmpty();
      assertThat(e.to()).isEqualTo(PaymentStatus.NEW);
    });
  }

  @Test
  void rejects_a_zero_or_negative_amount() {
    assertThatThrownBy(() -> Payment.create(PaymentId.generate(), TenantId.generate(), "s", eur("0"), clock))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> Payment.create(PaymentId.generate(), TenantId.generate(), "s", eur("-1.00"), clock))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void authorizes_captures_partially_and_refunds_in_two_steps() {
    Payment p = authorized();
    assertThat(p.status()).isEqualTo(PaymentStatus.AUTHORIZED);
    assertThat(p.authorizedAmount()).isEqualTo(EUR_100);

    Transaction capture = p.beginCapture(eur("60.00"), IdempotencyKey.random());
    p.record(capture.id(), GatewayResult.success("ch_1", eur("60.00")));
    assertThat(p.status()).isEqualTo(PaymentStatus.CAPTURED);
    assertThat(p.capturedAmount()).isEqualTo(eur("60.00"));

    Transaction r1 = p.beginRefund(eur("20.00"), IdempotencyKey.random());
    p.record(r1.id(), GatewayResult.success("re_1", eur("20.00")));
    assertThat(p.status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);

    Transaction r2 = p.beginRefund(eur("40.00"), IdempotencyKey.random());
    p.record(r2.id(), GatewayResult.success("re_2", eur("40.00")));
    assertThat(p.status()).isEqualTo(PaymentStatus.REFUNDED);
    assertThat(p.refundedAmount()).isEqualTo(eur("60.00"));
    assertThat(p.refundableAmount().isZero()).isTrue();
  }

  @Test
  void a_refund_above_the_captured_total_is_a_conflict() {
    Payment p = captured();
    Transaction r1 = p.beginRefund(eur("70.00"), IdempotencyKey.random());
    p.record(r1.id(), GatewayResult.success("re_1", eur("70.00")));

    ConflictException e = catchThrowableOfType(ConflictException.class,
        () -> p.beginRefund(eur("30.01"), IdempotencyKey.random()));
    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo("payment.refund_exceeds_captured");
    assertThat(p.beginRefund(eur("30.00"), IdempotencyKey.random()).amount()).isEqualTo(eur("30.00"));
  }

  @Test
  void refunds_in_flight_reserve_their_amount_until_declined() {
    Payment p = captured();
    Transaction inFlight = p.beginRefund(eur("80.00"), IdempotencyKey.random());
    p.record(inFlight.id(), GatewayResult.unknown(null, "timeout"));
    assertThatThrownBy(() -> p.beginRefund(eur("20.01"), IdempotencyKey.random()))
        .isInstanceOf(ConflictException.class);

    p.record(inFlight.id(), GatewayResult.declined("re_1", "refund_failed", "no"));
    assertThat(p.refundableAmount()).isEqualTo(EUR_100);
    assertThat(p.status()).isEqualTo(PaymentStatus.CAPTURED);
  }

  @Test
  void capture_is_only_allowed_from_authorized() {
    Payment p = newPayment();
    ConflictException e = catchThrowableOfType(ConflictException.class,
        () -> p.beginCapture(EUR_100, IdempotencyKey.random()));
    assertThat(e.code()).isEqualTo("payment.illegal_transition");
    assertThat(e.getMessage()).contains("NEW");

    Payment done = captured();
    assertThatThrownBy(() -> done.beginCapture(EUR_100, IdempotencyKey.random()))
        .isInstanceOf(ConflictException.class).hasMessageContaining("CAPTURED");
  }

  @Test
  void capture_above_the_authorized_amount_is_refused() {
    Payment p = authorized();
    assertThatThrownBy(() -> p.beginCapture(eur("100.01"), IdempotencyKey.random()))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void void_only_from_authorized_and_never_alongside_a_capture() {
    Payment p = authorized();
    Transaction capture = p.beginCapture(EUR_100, IdempotencyKey.random());
    ConflictException e = catchThrowableOfType(ConflictException.class, () -> p.beginVoid(IdempotencyKey.random()));
    assertThat(e.code()).isEqualTo("payment.operation_in_flight");
    p.record(capture.id(), GatewayResult.declined("ch_1", "expired", "authorization expired"));
    assertThat(p.status()).isEqualTo(PaymentStatus.AUTHORIZED);

    Transaction voided = p.beginVoid(IdempotencyKey.random());
    p.record(voided.id(), GatewayResult.success("ch_1", EUR_100));
    assertThat(p.status()).isEqualTo(PaymentStatus.VOIDED);
    assertThatThrownBy(() -> p.beginRefund(eur("1.00"), IdempotencyKey.random()))
        .isInstanceOf(ConflictException.class).hasMessageContaining("VOIDED");
  }

  @Test
  void refund_is_refused_before_capture() {
    Payment p = authorized();
    ConflictException e = catchThrowableOfType(ConflictException.class,
        () -> p.beginRefund(eur("1.00"), IdempotencyKey.random()));
    assertThat(e.code()).isEqualTo("payment.illegal_transition");
    assertThat(e.getMessage()).contains("AUTHORIZED");
  }

  @Test
  void unknown_settles_to_the_gateways_truth_with_one_history_entry_per_change() {
    Payment p = newPayment();
    Transaction tx = p.beginPurchase(IdempotencyKey.random());
    assertThat(p.record(tx.id(), GatewayResult.unknown(null, "read timeout"))).isTrue();
    assertThat(p.status()).isEqualTo(PaymentStatus.UNKNOWN);
    assertThat(p.awaitingReconciliation()).extracting(Transaction::id).containsExactly(tx.id());

    clock.advance(Duration.ofMinutes(1));
    assertThat(p.record(tx.id(), GatewayResult.unknown(null, "still unknown"))).isFalse();
    clock.advance(Duration.ofMinutes(5));
    assertThat(p.record(tx.id(), GatewayResult.success("ch_9", EUR_100))).isTrue();
    assertThat(p.record(tx.id(), GatewayResult.success("ch_9", EUR_100))).as("a webhook repeating it").isFalse();

    assertThat(p.status()).isEqualTo(PaymentStatus.CAPTURED);
    assertThat(p.transaction(tx.id()).gatewayReference()).contains("ch_9");
    assertThat(p.awaitingReconciliation()).isEmpty();
    assertThat(p.history()).extracting(PaymentHistoryEntry::to)
        .containsExactly(PaymentStatus.NEW, PaymentStatus.UNKNOWN, PaymentStatus.CAPTURED);
    assertThat(p.history().get(2).at()).isEqualTo(clock.instant());
  }

  @Test
  void a_settled_transaction_cannot_be_contradicted() {
    Payment p = captured();
    Transaction tx = p.transactions().get(0);
    ConflictException e = catchThrowableOfType(ConflictException.class,
        () -> p.record(tx.id(), GatewayResult.declined("ch_1", "card_declined", "late contradiction")));
    assertThat(e.code()).isEqualTo("payment.transaction_settled");
    assertThat(p.status()).isEqualTo(PaymentStatus.CAPTURED);
  }

  @Test
  void a_pending_redirect_completes_to_authorized() {
    Payment p = newPayment();
    Transaction tx = p.beginAuthorization(IdempotencyKey.random());
    p.record(tx.id(), GatewayResult.pending("ch_3", NextAction.redirect(URI.create("https://bank.example/3ds"))));
    assertThat(p.status()).isEqualTo(PaymentStatus.PENDING);
    assertThat(p.transaction(tx.id()).nextAction()).isPresent();
    p.record(tx.id(), GatewayResult.success("ch_3", EUR_100));
    assertThat(p.status()).isEqualTo(PaymentStatus.AUTHORIZED);
  }

  @Test
  void a_never_sent_first_request_fails_the_payment_and_keeps_the_code() {
    Payment p = newPayment();
    Transaction tx = p.beginAuthorization(IdempotencyKey.random());
    p.recordUnreachable(tx.id(), new GatewayUnreachableException("stripe", "refused", new ConnectException()));
    assertThat(p.status()).isEqualTo(PaymentStatus.FAILED);
    assertThat(p.transaction(tx.id()).status()).isEqualTo(TransactionStatus.FAILED);
    assertThat(p.transaction(tx.id()).declineCode()).contains("gateway.unreachable");
  }

  @Test
  void a_never_sent_capture_leaves_the_payment_authorized() {
    Payment p = authorized();
    Transaction tx = p.beginCapture(EUR_100, IdempotencyKey.random());
    p.recordUnreachable(tx.id(), new GatewayUnreachableException("stripe", "refused", new ConnectException()));
    assertThat(p.status()).isEqualTo(PaymentStatus.AUTHORIZED);
    assertThat(p.beginCapture(EUR_100, IdempotencyKey.random()).operation()).isEqualTo(GatewayOperation.CAPTURE);
  }

  @Test
  void an_unknown_request_can_never_become_never_sent() {
    Payment p = newPayment();
    Transaction tx = p.beginPurchase(IdempotencyKey.random());
    p.record(tx.id(), GatewayResult.unknown(null, "reset"));
    assertThatThrownBy(() -> p.recordUnreachable(
            tx.id(), new GatewayUnreachableException("stripe", "refused", new ConnectException())))
        .isInstanceOf(ConflictException.class);
    assertThat(p.status()).isEqualTo(PaymentStatus.UNKNOWN);
  }

  @Test
  void a_second_first_operation_is_refused() {
    Payment p = newPayment();
    p.beginAuthorization(IdempotencyKey.random());
    assertThatThrownBy(() -> p.beginPurchase(IdempotencyKey.random())).isInstanceOf(ConflictException.class);
  }

  @Test
  void the_gateway_reporting_more_than_asked_is_a_conflict() {
    Payment p = newPayment();
    Transaction tx = p.beginPurchase(IdempotencyKey.random());
    ConflictException e = catchThrowableOfType(ConflictException.class,
        () -> p.record(tx.id(), GatewayResult.success("ch_1", eur("100.01"))));
    assertThat(e.code()).isEqualTo("payment.amount_mismatch");
    assertThat(p.status()).isEqualTo(PaymentStatus.NEW);
  }

  @Test
  void a_foreign_transaction_is_not_found() {
    Payment p = newPayment();
    assertThatThrownBy(() -> p.record(TransactionId.generate(), GatewayResult.success("x", EUR_100)))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void declined_is_final() {
    Payment p = newPayment();
    Transaction tx = p.beginAuthorization(IdempotencyKey.random());
    p.record(tx.id(), GatewayResult.declined("ch_2", "insufficient_funds", "Insufficient funds"));
    assertThat(p.status()).isEqualTo(PaymentStatus.DECLINED);
    assertThat(p.transaction(tx.id()).declineCode()).contains("insufficient_funds");
    assertThatThrownBy(() -> p.beginCapture(EUR_100, IdempotencyKey.random()))
        .isInstanceOf(ConflictException.class).hasMessageContaining("DECLINED");
  }

  @Test
  void a_restored_payment_continues_under_the_same_rules() {
    Payment original = captured();
    Payment restored = Payment.restore(original.id(), original.tenantId(), original.gatewayId(), original.amount(),
        original.status(), original.transactions(), original.history(), clock);
    assertThat(restored.capturedAmount()).isEqualTo(EUR_100);
    assertThatThrownBy(() -> restored.beginRefund(eur("100.01"), IdempotencyKey.random()))
        .isInstanceOf(ConflictException.class);
    Transaction refund = restored.beginRefund(EUR_100, IdempotencyKey.random());
    restored.record(refund.id(), GatewayResult.success("re_1", EUR_100));
    assertThat(restored.status()).isEqualTo(PaymentStatus.REFUNDED);
    assertThat(restored.history()).hasSize(original.history().size() + 1);
  }

  @Test
  void restoring_a_status_the_history_never_reached_is_refused() {
    Payment original = authorized();
    assertThatThrownBy(() -> Payment.restore(original.id(), original.tenantId(), original.gatewayId(),
            original.amount(), PaymentStatus.CAPTURED, original.transactions(), original.history(), clock))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void finds_the_latest_transaction_for_a_gateway_reference() {
    Payment p = authorized();
    Transaction capture = p.beginCapture(EUR_100, IdempotencyKey.random());
    p.record(capture.id(), GatewayResult.success("ch_1", EUR_100));
    assertThat(p.findTransactionByReference("ch_1")).map(Transaction::id).contains(capture.id());
    assertThat(p.findTransactionByReference("ch_other")).isEmpty();
  }

  @Test
  void an_unknown_status_answer_leaves_a_pending_payment_pending() {
    Payment p = newPayment();
    Transaction tx = p.beginAuthorization(IdempotencyKey.random());
    p.record(tx.id(), GatewayResult.pending("ch_4", NextAction.redirect(URI.create("https://bank.example/3ds"))));
    int entries = p.history().size();
    assertThat(p.record(tx.id(), GatewayResult.unknown("ch_4", "status lookup timed out"))).isFalse();
    assertThat(p.status()).isEqualTo(PaymentStatus.PENDING);
    assertThat(p.history()).hasSize(entries);
  }
}
