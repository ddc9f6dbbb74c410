package dev.bizo.payments.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bizo.core.ConflictException;
import dev.bizo.core.Money;
import dev.bizo.core.Providers;
import dev.bizo.payments.spi.GatewayCredentials;
import dev.bizo.payments.spi.GatewayOperation;
import dev.bizo.payments.spi.GatewayResult;
import dev.bizo.payments.spi.GatewayResult.Outcome;
import dev.bizo.payments.spi.GatewayUnreachableException;
import dev.bizo.payments.spi.IdempotencyKey;
import dev.bizo.payments.spi.NextAction;
import dev.bizo.payments.spi.PaymentGateway;
import dev.bizo.payments.spi.PaymentMethod;
import dev.bizo.payments.spi.PaymentRequest;
import dev.bizo.payments.spi.ReceivedHeaders;
import dev.bizo.payments.spi.StatusRequest;
import dev.bizo.payments.spi.WebhookEvent;
import dev.bizo.payments.spi.WebhookEventType;
import dev.bizo.payments.spi.WebhookRejectedException;
import dev.bizo.payments.spi.WebhookRequest;
import dev.bizo.testkit.MutableClock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SimulatorGatewayTest {

  private static final Money EUR_25 = Money.of("25.00", "EUR");
  private static final GatewayCredentials CREDENTIALS =
      GatewayCredentials.of(Map.of(SimulatorGateway.WEBHOOK_SECRET, "whsec_test"));

  private final MutableClock clock = MutableClock.startingAtNewYear();
  private final SimulatorGateway simulator = SimulatorGateway.builder().clock(clock).build();

  private static PaymentRequest purchase(String card, IdempotencyKey key) {
    return PaymentRequest.builder()
        .credentials(CREDENTIALS).idempotencyKey(key).amount(EUR_25).paymentMethod(PaymentMethod.token(card)).build();
  }

  private static StatusRequest status(IdempotencyKey key, GatewayOperation op, Optional<String> ref) {
    return new StatusRequest(CREDENTIALS, key, op, ref, EUR_25);
  }

  private WebhookEvent verify(SignedWebhook webhook, GatewayCredentials credentials) {
    return simulator.verifyAndParseWebhook(
        WebhookRequest.of(webhook.body(), ReceivedHeaders.of(webhook.headers()), credentials));
  }

  @Test
  void is_discovered_by_the_service_loader_and_labelled_a_simulator() {
    PaymentGateway found = Providers.builder(PaymentGateway.class, PaymentGateway::id).build().require("simulator");
    assertThat(found).isInstanceOf(SimulatorGateway.class);
    assertThat(found.capabilities().simulator()).isTrue();
    assertThat(found.displayName()).containsIgnoringCase("simulator").contains("no money");
  }

  @Test
  void a_timeout_is_unknown_and_settles_to_success_through_fetch_status_by_key() {
    IdempotencyKey key = IdempotencyKey.random();
    GatewayResult first = simulator.purchase(purchase(SimulatorCards.TIMEOUT_THEN_SUCCEEDS, key));
    assertThat(first.outcome()).isEqualTo(Outcome.UNKNOWN);
    assertThat(first.gatewayReference()).isEmpty();

    GatewayResult settled = simulator.fetchStatus(status(key, GatewayOperation.PURCHASE, Optional.empty()));
    assertThat(settled.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(settled.amount()).contains(EUR_25);
    assertThat(settled.gatewayReference()).hasValueSatisfying(ref -> assertThat(ref).startsWith("sim_ch_"));
  }

  @Test
  void a_timeout_can_also_settle_to_a_failure() {
    IdempotencyKey key = IdempotencyKey.random();
    assertThat(simulator.purchase(purchase(SimulatorCards.TIMEOUT_THEN_FAILS, key)).outcome()).isEqualTo(Outcome.UNKNOWN);
    GatewayResult settled = simulator.fetchStatus(status(key, GatewayOperation.PURCHASE, Optional.empty()));
    assertThat(settled.outcome()).isEqualTo(Outcome.DECLINED);
    assertThat(settled.declineCode()).contains("processing_error");
  }

  @Test
  void retrying_after_a_timeout_with_the_same_key_learns_the_truth_without_charging_twice() {
    IdempotencyKey key = IdempotencyKey.random();
    simulator.purchase(purchase(SimulatorCards.TIMEOUT_THEN_SUCCEEDS, key));
    GatewayResult retry = simulator.purchase(purchase(SimulatorCards.TIMEOUT_THEN_SUCCEEDS, key));
    assertThat(retry.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(simulator.chargeCount()).isEqualTo(1);
    assertThat(simulator.receivedIdempotencyKeys()).containsExactly(key, key);
  }

  @Test
  void the_same_key_with_other_parameters_is_a_conflict() {
    IdempotencyKey key = IdempotencyKey.random();
    simulator.purchase(purchase(SimulatorCards.SUCCESS, key));
    PaymentRequest other = purchase(SimulatorCards.SUCCESS, key).toBuilder().amount(Money.of("26.00", "EUR")).build();
    ConflictException e = catchThrowableOfType(ConflictException.class, () -> simulator.purchase(other));
    assertThat(e.code()).isEqualTo("gateway.idempotency_key_reused");
    assertThat(simulator.chargeCount()).isEqualTo(1);
  }

  @Test
  void concurrent_duplicates_charge_once_and_answer_identically() throws Exception {
    IdempotencyKey key = IdempotencyKey.random();
    int threads = 32;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<GatewayResult>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < threads; i++) {
        Callable<GatewayResult> call = () -> {
          start.await();
          return simulator.purchase(purchase(SimulatorCards.SUCCESS, key));
        };
        futures.add(pool.submit(call));
      }
      start.countDown();
      List<GatewayResult> results = new ArrayList<>();
      for (Future<GatewayResult> f : futures) {
        results.add(f.get());
      }
      assertThat(new HashSet<>(results)).hasSize(1);
      assertThat(results.get(0).outcome()).isEqualTo(Outcome.SUCCESS);
    } finally {
      pool.shutdownNow();
    }
    assertThat(simulator.chargeCount()).isEqualTo(1);
    assertThat(simulator.receivedIdempotencyKeys()).hasSize(threads);
  }

  @Test
  void declines_with_the_cards_codes() {
    assertThat(simulator.purchase(purchase(SimulatorCards.DECLINE_INSUFFICIENT_FUNDS, IdempotencyKey.random()))
        .declineCode()).contains("insufficient_funds");
    assertThat(simulator.purchase(purchase(SimulatorCards.DECLINE_CARD_DECLINED, IdempotencyKey.random()))
        .declineCode()).contains("card_declined");
    assertThat(simulator.purchase(purchase("4111111111111111", IdempotencyKey.random()))
        .declineCode()).contains("invalid_test_card");
  }

  @Test
  void a_redirect_completes_when_the_customer_passes_3ds() {
    IdempotencyKey key = IdempotencyKey.random();
    GatewayResult pending = simulator.authorize(purchase(SimulatorCards.REQUIRES_REDIRECT, key));
    assertThat(pending.outcome()).isEqualTo(Outcome.PENDING);
    String ref = pending.gatewayReference().orElseThrow();
    assertThat(pending.nextAction()).map(NextAction::type).contains(NextAction.Type.REDIRECT);
    assertThat(pending.nextAction().orElseThrow().value()).endsWith(ref);
    assertThat(simulator.fetchStatus(status(key, GatewayOperation.AUTHORIZE, Optional.of(ref))).outcome())
        .isEqualTo(Outcome.PENDING);

    simulator.drainWebhooks();
    simulator.completeRedirect(ref, true);

    assertThat(simulator.fetchStatus(status(key, GatewayOperation.AUTHORIZE, Optional.of(ref))).outcome())
        .isEqualTo(Outcome.SUCCESS);
    assertThat(simulator.webhooks()).singleElement()
        .satisfies(w -> assertThat(verify(w, CREDENTIALS).type()).isEqualTo(WebhookEventType.PAYMENT_AUTHORIZED));
    assertThatThrownBy(() -> simulator.completeRedirect(ref, true)).isInstanceOf(ConflictException.class);
  }

  @Test
  void its_own_webhooks_pass_verification_and_only_with_the_tenants_secret() {
    GatewayResult charged = simulator.purchase(purchase(SimulatorCards.SUCCESS, IdempotencyKey.random()));
    List<SignedWebhook> sent = simulator.drainWebhooks();
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).headers()).containsKey(SimulatorGateway.SIGNATURE_HEADER);

    WebhookEvent event = verify(sent.get(0), CREDENTIALS);
    assertThat(event.type()).isEqualTo(WebhookEventType.PAYMENT_CAPTURED);
    assertThat(event.gatewayReference()).isEqualTo(charged.gatewayReference());
    assertThat(event.amount()).contains(EUR_25);
    assertThat(event.occurredAt()).isEqualTo(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));

    WebhookRejectedException e = catchThrowableOfType(WebhookRejectedException.class,
        () -> verify(sent.get(0), GatewayCredentials.none()));
    assertThat(e.code()).isEqualTo(WebhookRejectedException.SIGNATURE_INVALID);
    assertThat(simulator.webhooks()).isEmpty();
  }

  @Test
  void accepts_the_previous_secret_during_a_rotation() {
    simulator.purchase(purchase(SimulatorCards.SUCCESS, IdempotencyKey.random()));
    SignedWebhook signedWithOld = simulator.drainWebhooks().get(0);
    GatewayCredentials rotated = GatewayCredentials.of(Map.of(
        SimulatorGateway.WEBHOOK_SECRET, "whsec_new", SimulatorGateway.PREVIOUS_WEBHOOK_SECRET, "whsec_test"));
    assertThat(verify(signedWithOld, rotated).type()).isEqualTo(WebhookEventType.PAYMENT_CAPTURED);
  }

  @Test
  void an_unreachable_card_records_nothing() {
    assertThatThrownBy(() -> simulator.purchase(purchase(SimulatorCards.UNREACHABLE, IdempotencyKey.random())))
        .isInstanceOf(GatewayUnreachableException.class);
    assertThat(simulator.chargeCount()).isZero();
    assertThat(simulator.receivedIdempotencyKeys()).isEmpty();
  }

  @Test
  void a_request_it_never_received_has_the_status_declined() {
    GatewayResult status = simulator.fetchStatus(status(IdempotencyKey.random(), GatewayOperation.PURCHASE, Optional.empty()));
    assertThat(status.outcome()).isEqualTo(Outcome.DECLINED);
    assertThat(status.declineCode()).contains("no_such_request");
  }
}
