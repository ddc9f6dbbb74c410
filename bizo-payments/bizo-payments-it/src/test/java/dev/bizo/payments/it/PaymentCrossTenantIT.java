package dev.bizo.payments.it;

import static dev.bizo.payments.it.PaymentsFixture.card;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.ForbiddenException;
import dev.bizo.core.NotFoundException;
import dev.bizo.core.TenantId;
import dev.bizo.payments.PaymentQuery;
import dev.bizo.payments.PaymentResponse;
import dev.bizo.payments.PaymentService;
import dev.bizo.payments.PaymentStatus;
import dev.bizo.payments.PaymentSummary;
import dev.bizo.payments.WebhookOutcome;
import dev.bizo.payments.simulator.SignedWebhook;
import dev.bizo.payments.simulator.SimulatorCards;
import dev.bizo.payments.spi.IdempotencyKey;
import dev.bizo.payments.spi.ReceivedHeaders;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Tenant B can neither see nor move tenant A's payments, through the service or around it. */
@RealServices
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentCrossTenantIT {

  private static final List<String> TABLES = List.of(
      "payment", "payment_transaction", "payment_idempotency", "payment_history", "payment_webhook_event");

  private PaymentsFixture fx;
  private PaymentService payments;
  private TenantId a;
  private TenantId b;
  private PaymentResponse paidByA;

  @BeforeAll
  void start(TestDatabase db) {
    fx = new PaymentsFixture(db, Clock.systemUTC());
    payments = fx.payments;
    a = fx.newTenant();
    b = fx.newTenant();
    paidByA = payments.create(a, card("20.00", SimulatorCards.SUCCESS), IdempotencyKey.of("shared-key"));
  }

  @AfterAll
  void stop() {
    assertThat(fx.database.tenantLeaksOnRelease()).isZero();
    fx.close();
  }

  @Test
  void another_tenant_cannot_read_or_move_the_payment_through_the_service() {
    assertThat(payments.get(b, paidByA.paymentId())).isEmpty();
    assertThat(payments.list(b, PaymentQuery.builder().build()).items())
        .extracting(PaymentSummary::id).doesNotContain(paidByA.paymentId());
    assertThatThrownBy(() -> payments.refund(b, paidByA.paymentId(), Optional.empty(), IdempotencyKey.random()))
        .isInstanceOf(NotFoundException.class);

    assertThat(payments.get(a, paidByA.paymentId()).orElseThrow().status()).isEqualTo(PaymentStatus.CAPTURED);
  }

  @Test
  void the_same_idempotency_key_in_another_tenant_is_a_different_request() {
    PaymentResponse paidByB = payments.create(b, card("20.00", SimulatorCards.SUCCESS), IdempotencyKey.of("shared-key"));

    assertThat(paidByB.paymentId()).isNotEqualTo(paidByA.paymentId());
    assertThat(payments.get(a, paidByB.paymentId())).isEmpty();
  }

  @Test
  void a_webhook_delivered_for_another_tenant_does_not_touch_the_payment() {
    PaymentResponse pending = payments.create(a, card("21.00", SimulatorCards.REQUIRES_REDIRECT), IdempotencyKey.random());
    String reference = pending.gatewayReference().orElseThrow();
    fx.simulator.completeRedirect(reference, true);
    SignedWebhook webhook = fx.simulator.webhooks().stream()
        .filter(w -> w.bodyAsUtf8().contains(reference)).reduce((first, second) -> second).orElseThrow();

    WebhookOutcome outcome = payments.handleWebhook("simulator", b, webhook.body(), ReceivedHeaders.of(webhook.headers()));

    assertThat(outcome).isEqualTo(WebhookOutcome.IGNORED);
    assertThat(payments.get(a, pending.paymentId()).orElseThrow().status()).isEqualTo(PaymentStatus.PENDING);
  }

  @Test
  void native_sql_in_another_tenants_scope_sees_and_changes_nothing() {
    for (String table : TABLES) {
      int touched = fx.database.transactions().inTenantJdbc(b, c -> {
        int n = 0;
        try (PreparedStatement s = c.prepareStatement("update " + table + " set tenant_id = tenant_id where tenant_id = ?")) {
          s.setObject(1, a.value());
          n += s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("select count(*) from " + table + " where tenant_id = ?")) {
          s.setObject(1, a.value());
          try (ResultSet rs = s.executeQuery()) {
            rs.next();
            n += rs.getInt(1);
          }
        }
        return n;
      });
      assertThat(touched).as(table).isZero();
    }
  }

  @Test
  void raw_jdbc_as_the_app_role_without_a_tenant_sees_no_payment_rows() throws SQLException {
    try (Connection c = fx.database.appDataSource().getConnection()) {
      for (String table : TABLES) {
        try (PreparedStatement s = c.prepareStatement("select count(*) from " + table);
            ResultSet rs = s.executeQuery()) {
          rs.next();
          assertThat(rs.getLong(1)).as(table).isZero();
        }
      }
    }
  }

  @Test
  void history_is_append_only_even_for_its_own_tenant() {
    assertThatThrownBy(() -> fx.database.transactions().inTenantJdbc(a, c -> {
      try (PreparedStatement s = c.prepareStatement("update payment_history set note = 'rewritten' where payment_id = ?")) {
        s.setObject(1, paidByA.paymentId().value());
        return s.executeUpdate();
      }
    })).isInstanceOf(ForbiddenException.class)
        .extracting(e -> ((ForbiddenException) e).code()).isEqualTo("persistence.append_only");
  }
}
