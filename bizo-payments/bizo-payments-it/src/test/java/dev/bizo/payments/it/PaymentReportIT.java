package dev.bizo.payments.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.Money;
import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.payments.NewPayment;
import dev.bizo.payments.PaymentGrouping;
import dev.bizo.payments.PaymentId;
import dev.bizo.payments.PaymentReport;
import dev.bizo.payments.PaymentService;
import dev.bizo.payments.PaymentTotals;
import dev.bizo.payments.simulator.SimulatorCards;
import dev.bizo.payments.spi.IdempotencyKey;
import dev.bizo.payments.spi.PaymentMethod;
import dev.bizo.testkit.MutableClock;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@link PaymentService#report}: per-currency sums on a real database, read under the tenant's row-level security. */
@RealServices
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentReportIT {

  private static final Instant DAY_ONE = Instant.parse("2026-03-01T22:30:00Z");

  private final MutableClock clock = new MutableClock(DAY_ONE);
  private PaymentsFixture fx;
  private PaymentService payments;
  private TenantId tenant;
  private TenantId other;

  @BeforeAll
  void start(TestDatabase db) {
    fx = new PaymentsFixture(db, clock);
    payments = fx.payments;
    tenant = fx.newTenant();
    other = fx.newTenant();
    // 2026-03-01 22:30 UTC: EUR 25.00 captured then 5.00 refunded, USD 10.00 captured, EUR 12.00 declined
    PaymentId refundedLater = pay(tenant, "25.00", "EUR", SimulatorCards.SUCCESS);
    payments.refund(tenant, refundedLater, Optional.of(Money.of("5.00", "EUR")), IdempotencyKey.random());
    pay(tenant, "10.00", "USD", SimulatorCards.SUCCESS);
    pay(tenant, "12.00", "EUR", SimulatorCards.DECLINE_INSUFFICIENT_FUNDS);
    // 2026-03-02 01:30 UTC (still 1 March in New York): JPY 700 captured
    clock.advance(Duration.ofHours(3));
    pay(tenant, "700", "JPY", SimulatorCards.SUCCESS);
    // another tenant's payment in the same period is never counted
    pay(other, "999.00", "EUR", SimulatorCards.SUCCESS);
  }

  @AfterAll
  void stop() {
    fx.close();
  }

  private PaymentId pay(TenantId who, String amount, String currency, String card) {
    return payments.create(who, NewPayment.builder(Money.of(amount, currency), PaymentMethod.token(card)).build(),
        IdempotencyKey.random()).paymentId();
  }

  @Test
  void reports_every_currency_separately_with_captured_and_refunded_amounts() {
    PaymentReport report = payments.report(tenant, DAY_ONE.minusSeconds(60), DAY_ONE.plus(Duration.ofDays(1)),
        PaymentGrouping.STATUS, ZoneOffset.UTC);

    assertThat(report.currencies()).extracting(c -> c.currency().getCurrencyCode()).containsExactly("EUR", "JPY", "USD");
    PaymentReport.PerCurrency eur = report.currencies().get(0);
    assertThat(eur.total()).isEqualTo(new PaymentTotals("total", 2, Money.of("37.00", "EUR"), Money.of("25.00", "EUR"),
        Money.of("5.00", "EUR")));
    assertThat(eur.total().net()).isEqualTo(Money.of("20.00", "EUR"));
    assertThat(eur.groups()).extracting(PaymentTotals::key, PaymentTotals::payments)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("DECLINED", 1L),
            org.assertj.core.groups.Tuple.tuple("PARTIALLY_REFUNDED", 1L));
    assertThat(report.currencies().get(1).total().captured()).isEqualTo(Money.of("700", "JPY"));
    assertThat(report.currencies().get(2).total().captured()).isEqualTo(Money.of("10.00", "USD"));
  }

  @Test
  void groups_by_calendar_day_in_the_zone_asked_for() {
    Instant from = DAY_ONE.minus(Duration.ofDays(1));
    Instant to = DAY_ONE.plus(Duration.ofDays(1));

    PaymentReport utc = payments.report(tenant, from, to, PaymentGrouping.DAY, ZoneOffset.UTC);
    PaymentReport newYork = payments.report(tenant, from, to, PaymentGrouping.DAY, ZoneId.of("America/New_York"));
    PaymentReport plusTwo = payments.report(tenant, from, to, PaymentGrouping.DAY, ZoneOffset.ofHours(2));

    assertThat(groups(utc, "JPY")).extracting(PaymentTotals::key).containsExactly("2026-03-02");
    assertThat(groups(newYork, "JPY")).extracting(PaymentTotals::key).containsExactly("2026-03-01");
    assertThat(groups(plusTwo, "EUR")).extracting(PaymentTotals::key).containsExactly("2026-03-02");
    assertThat(groups(utc, "EUR")).extracting(PaymentTotals::key).containsExactly("2026-03-01");
  }

  @Test
  void groups_by_gateway_and_leaves_out_payments_outside_the_period() {
    PaymentReport report = payments.report(tenant, DAY_ONE.plus(Duration.ofHours(1)), DAY_ONE.plus(Duration.ofDays(1)),
        PaymentGrouping.GATEWAY, ZoneOffset.UTC);

    assertThat(report.currencies()).hasSize(1);
    assertThat(report.currencies().get(0).groups()).extracting(PaymentTotals::key).containsExactly("simulator");
    assertThat(report.currencies().get(0).total().payments()).isEqualTo(1);
  }

  @Test
  void another_tenant_sees_only_its_own_payments() {
    PaymentReport report = payments.report(other, DAY_ONE.minusSeconds(60), DAY_ONE.plus(Duration.ofDays(1)),
        PaymentGrouping.STATUS, ZoneOffset.UTC);

    assertThat(report.currencies()).hasSize(1);
    assertThat(report.currencies().get(0).total().amount()).isEqualTo(Money.of("999.00", "EUR"));
  }

  @Test
  void refuses_an_empty_period() {
    assertThatThrownBy(() -> payments.report(tenant, DAY_ONE, DAY_ONE, PaymentGrouping.DAY, ZoneOffset.UTC))
        .isInstanceOf(ValidationException.class);
  }

  private static List<PaymentTotals> groups(PaymentReport report, String currency) {
    return report.currencies().stream().filter(c -> c.currency().getCurrencyCode().equals(currency)).findFirst()
        .orElseThrow().groups();
  }
}
