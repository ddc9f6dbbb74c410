package dev.bizo.payments.it;

import static dev.bizo.payments.it.PaymentsFixture.card;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.core.Money;
import dev.bizo.core.Providers;
import dev.bizo.core.TenantId;
import dev.bizo.payments.CaptureMode;
import dev.bizo.payments.GatewayRouter;
import dev.bizo.payments.NewPayment;
import dev.bizo.payments.PaymentResponse;
import dev.bizo.payments.PaymentService;
import dev.bizo.payments.RoutingPolicy;
import dev.bizo.payments.TransactionStatus;
import dev.bizo.payments.simulator.SimulatorCards;
import dev.bizo.payments.simulator.SimulatorGateway;
import dev.bizo.payments.spi.GatewayCredentials;
import dev.bizo.payments.spi.IdempotencyKey;
import dev.bizo.payments.spi.PaymentGateway;
import dev.bizo.payments.spi.PaymentMethod;
import dev.bizo.tenancy.TenancyDatabase;
import dev.bizo.tenancy.testkit.TestTenancy;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestDatabase;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Pins what one payment costs the database, counted on the wire by {@link RoundTripCountingProxy}: its round
 * trips and transactions. A change that adds a statement to a money operation fails here (issue #21: each round
 * trip waits on the database, and on a durable cluster each commit waits for its WAL flush).
 *
 * <p>The pool is the production one (no release check, which tests elsewhere switch on and which adds a query per
 * transaction); each counted call follows warm-up calls of the same kind, so the driver has switched to
 * server-prepared statements as it does in a running server.
 */
@RealServices
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentRoundTripsIT {

  private static final int WARM_UP = 6;

  private RoundTripCountingProxy proxy;
  private TenancyDatabase database;
  private PaymentService payments;
  private TenantId tenant;

  @BeforeAll
  void start(TestDatabase db) throws Exception {
    proxy = new RoundTripCountingProxy(db.jdbcUrl());
    TenancyDatabase.Builder builder = TenancyDatabase.builder()
        .jdbcUrl(proxy.jdbcUrl())
        .owner(db.user(), db.password())
        .app(TestTenancy.APP_ROLE, "bizo-test-app")
        .poolSize(4);
    PaymentService.persistenceModules().forEach(builder::module);
    database = builder.start();
    Clock clock = Clock.systemUTC();
    payments = PaymentService.builder()
        .transactions(database.transactions())
        .router(new GatewayRouter(Providers.builder(PaymentGateway.class, PaymentGateway::id).discover(false)
            .register(SimulatorGateway.builder().clock(clock).build()).build()))
        .credentials((t, gateway) -> GatewayCredentials.none())
        .routingPolicy(t -> RoutingPolicy.builder().defaultGateway(SimulatorGateway.ID).build())
        .clock(clock)
        .build();
    tenant = TestTenancy.newTenant(database);
  }

  @AfterAll
  void stop() throws Exception {
    database.close();
    proxy.close();
  }

  @Test
  void a_purchase_costs_six_round_trips_in_two_transactions() {
    Supplier<PaymentResponse> purchase =
        () -> payments.create(tenant, card("19.99", SimulatorCards.SUCCESS), IdempotencyKey.random());

    PaymentResponse paid = counted(purchase);

    assertThat(paid.transactionStatus()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(proxy.transactions()).as("one before the gateway call, one after").isEqualTo(2);
    assertThat(proxy.roundTrips())
        .as("each transaction: the tenant's setting, one statement of all its writes, the commit")
        .isEqualTo(6);
  }

  @Test
  void a_replayed_purchase_costs_four_round_trips_in_one_transaction() {
    IdempotencyKey key = IdempotencyKey.random();
    NewPayment request = card("5.00", SimulatorCards.SUCCESS);
    PaymentResponse first = payments.create(tenant, request, key);

    PaymentResponse replayed = counted(() -> payments.create(tenant, request, key));

    assertThat(replayed).isEqualTo(first);
    assertThat(proxy.transactions()).isEqualTo(1);
    assertThat(proxy.roundTrips())
        .as("the tenant's setting, the claim that finds the key taken, the stored answer, the commit")
        .isEqualTo(4);
  }

  @Test
  void a_capture_costs_eight_round_trips_in_two_transactions() {
    Supplier<PaymentResponse> capture = () -> {
      PaymentResponse authorized = payments.create(tenant,
          NewPayment.builder(Money.of("30.00", "EUR"), PaymentMethod.token(SimulatorCards.SUCCESS))
              .captureMode(CaptureMode.MANUAL).build(),
          IdempotencyKey.random());
      proxy.startCounting();
      return payments.capture(tenant, authorized.paymentId(), Optional.empty(), IdempotencyKey.random());
    };
    for (int i = 0; i < WARM_UP; i++) {
      capture.get();
    }

    PaymentResponse captured = capture.get();
    proxy.stopCounting();

    assertThat(captured.transactionStatus()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(proxy.transactions()).as("one before the gateway call, one after").isEqualTo(2);
    assertThat(proxy.roundTrips())
        .as("before the call: the setting, the claim, the payment in one query, one statement of its writes, the"
            + " commit; after it: the setting, one statement, the commit")
        .isEqualTo(8);
  }

  /** Runs {@code call} a few times to warm up, then once more counted. */
  private <T> T counted(Supplier<T> call) {
    for (int i = 0; i < WARM_UP; i++) {
      call.get();
    }
    proxy.startCounting();
    try {
      return call.get();
    } finally {
      proxy.stopCounting();
      System.out.printf("round trips: %d, transactions: %d%n", proxy.roundTrips(), proxy.transactions());
    }
  }
}
