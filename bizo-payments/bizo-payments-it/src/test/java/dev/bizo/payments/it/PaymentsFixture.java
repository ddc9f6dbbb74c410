package dev.bizo.payments.it;

import dev.bizo.core.Money;
import dev.bizo.core.Providers;
import dev.bizo.core.TenantId;
import dev.bizo.payments.GatewayCredentialsSource;
import dev.bizo.payments.GatewayRouter;
import dev.bizo.payments.NewPayment;
import dev.bizo.payments.PaymentId;
import dev.bizo.payments.PaymentService;
import dev.bizo.payments.RoutingPolicy;
import dev.bizo.payments.simulator.SimulatorGateway;
import dev.bizo.payments.spi.GatewayCredentials;
import dev.bizo.payments.spi.PaymentGateway;
import dev.bizo.payments.spi.PaymentMethod;
import dev.bizo.tenancy.TenancyDatabase;
import dev.bizo.tenancy.testkit.TestTenancy;
import dev.bizo.testkit.TestDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;

/** PaymentService on a real database with the simulator behind a call counter, as production wires it. */
final class PaymentsFixture implements AutoCloseable {

  final TenancyDatabase database;
  final SimulatorGateway simulator;
  final CountingGateway gateway;
  final PaymentService payments;

  PaymentsFixture(TestDatabase db, Clock clock) {
    database = TestTenancy.start(db, PaymentService.persistenceModules());
    simulator = SimulatorGateway.builder().clock(clock).build();
    gateway = new CountingGateway(simulator);
    payments = service(clock, (tenant, gatewayId) -> GatewayCredentials.none(),
        RoutingPolicy.builder().defaultGateway(SimulatorGateway.ID).build());
  }

  /** Another service on the same database and simulator, with other credentials, routing or extra gateways. */
  PaymentService service(
      Clock clock, GatewayCredentialsSource credentials, RoutingPolicy policy, PaymentGateway... extraGateways) {
    Providers.Builder<PaymentGateway> installed =
        Providers.builder(PaymentGateway.class, PaymentGateway::id).discover(false).register(gateway);
    for (PaymentGateway extra : extraGateways) {
      installed.register(extra);
    }
    return PaymentService.builder()
        .transactions(database.transactions())
        .router(new GatewayRouter(installed.build()))
        .credentials(credentials)
        .routingPolicy(tenant -> policy)
        .clock(clock)
        .build();
  }

  TenantId newTenant() {
    return TestTenancy.newTenant(database);
  }

  static NewPayment card(String amount, String card) {
    return NewPayment.builder(Money.of(amount, "EUR"), PaymentMethod.token(card)).build();
  }

  /** Counts rows of a payment table for one payment, inside the tenant's scope. */
  long count(TenantId tenant, String sql, PaymentId payment) {
    return database.transactions().inTenantJdbc(tenant, c -> {
      try (PreparedStatement s = c.prepareStatement(sql)) {
        s.setObject(1, payment.value());
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  long historyRows(TenantId tenant, PaymentId payment) {
    return count(tenant, "select count(*) from payment_history where payment_id = ?", payment);
  }

  long outboxRows(TenantId tenant, PaymentId payment) {
    return count(tenant, "select count(*) from bizo_outbox where aggregate_id = cast(? as text)", payment);
  }

  @Override
  public void close() {
    database.close();
  }
}
