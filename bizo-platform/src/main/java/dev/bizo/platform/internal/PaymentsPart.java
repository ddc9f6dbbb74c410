package dev.bizo.platform.internal;

import dev.bizo.core.ConfigurationException;
import dev.bizo.core.Providers;
import dev.bizo.payments.GatewayCredentialsSource;
import dev.bizo.payments.GatewayRouter;
import dev.bizo.payments.PaymentService;
import dev.bizo.payments.ReconciliationSchedule;
import dev.bizo.payments.RoutingPolicy;
import dev.bizo.payments.spi.PaymentGateway;
import dev.bizo.tenancy.PersistenceModule;
import dev.bizo.tenancy.TenantSecrets;
import dev.bizo.tenancy.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Payments wired as the reference server wires them: every gateway found through {@code META-INF/services},
 * credentials from the tenants' sealed secrets, one default gateway. Loaded only when payments are enabled.
 */
public final class PaymentsPart {

  private final Providers<PaymentGateway> gateways;
  private final PaymentService payments;

  private PaymentsPart(Providers<PaymentGateway> gateways, PaymentService payments) {
    this.gateways = gateways;
    this.payments = payments;
  }

  /** The migrations payments need (core's outbox, then the payment tables). */
  public static List<PersistenceModule> modules() {
    return PaymentService.persistenceModules();
  }

  /**
   * Builds the service.
   *
   * @throws ConfigurationException when {@code defaultGateway} names no installed gateway
   */
  public static PaymentsPart start(Transactions transactions, TenantSecrets secrets, String defaultGateway,
      Optional<ReconciliationSchedule> schedule, Optional<Duration> duplicateWait, Clock clock) {
    Providers<PaymentGateway> gateways = Providers.builder(PaymentGateway.class, PaymentGateway::id).discover(true).build();
    if (gateways.find(defaultGateway).isEmpty()) {
      throw new ConfigurationException("configuration_invalid",
          "The default payment gateway names no installed gateway: " + defaultGateway + "; installed: " + gateways.names());
    }
    RoutingPolicy policy = RoutingPolicy.builder().defaultGateway(defaultGateway).build();
    PaymentService.Builder builder = PaymentService.builder()
        .transactions(transactions)
        .router(new GatewayRouter(gateways))
        .credentials(GatewayCredentialsSource.fromTenantSecrets(secrets))
        .routingPolicy(tenant -> policy)
        .clock(clock);
    schedule.ifPresent(builder::schedule);
    duplicateWait.ifPresent(builder::duplicateWaitTimeout);
    PaymentService payments = builder.build();
    return new PaymentsPart(gateways, payments);
  }

  public PaymentService payments() {
    return payments;
  }

  public Providers<PaymentGateway> gateways() {
    return gateways;
  }
}
