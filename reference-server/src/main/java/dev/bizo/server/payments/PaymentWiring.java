package dev.bizo.server.payments;

import dev.bizo.core.ConfigurationException;
import dev.bizo.core.Providers;
import dev.bizo.core.config.BizoConfig;
import dev.bizo.payments.GatewayCredentialsSource;
import dev.bizo.payments.GatewayRouter;
import dev.bizo.payments.PaymentService;
import dev.bizo.payments.ReconciliationSchedule;
import dev.bizo.payments.RoutingPolicy;
import dev.bizo.payments.spi.PaymentGateway;
import dev.bizo.server.config.ServerSettings;
import dev.bizo.tenancy.TenantSecrets;
import dev.bizo.tenancy.Transactions;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the {@link PaymentService} over every gateway on the class path (the simulator always; Stripe,
 * Razorpay and others once a tenant stores their credentials), with credentials read from encrypted
 * tenant secrets and the simulator as the default gateway unless configured otherwise.
 */
@ApplicationScoped
public class PaymentWiring {

  private static final Logger LOG = LoggerFactory.getLogger(PaymentWiring.class);

  @Inject BizoConfig config;
  @Inject Transactions transactions;
  @Inject TenantSecrets secrets;
  @Inject Clock clock;

  private Providers<PaymentGateway> gateways;
  private PaymentService payments;
  private String defaultGateway;

  @PostConstruct
  void build() {
    gateways = Providers.builder(PaymentGateway.class, PaymentGateway::id).discover(true).build();
    defaultGateway = config.require(ServerSettings.PAYMENTS_DEFAULT_GATEWAY);
    if (gateways.find(defaultGateway).isEmpty()) {
      throw new ConfigurationException(
          "configuration_invalid", "BIZO_PAYMENTS_DEFAULT_GATEWAY names no installed gateway: " + defaultGateway + "; installed: " + gateways.names());
    }
    RoutingPolicy policy = RoutingPolicy.builder().defaultGateway(defaultGateway).build();
    ReconciliationSchedule schedule = schedule(config.find(ServerSettings.PAYMENTS_RECONCILE_DELAYS));
    payments =
        PaymentService.builder()
            .transactions(transactions)
            .router(new GatewayRouter(gateways))
            .credentials(GatewayCredentialsSource.fromTenantSecrets(secrets))
            .routingPolicy(tenant -> policy)
            .schedule(schedule)
            .duplicateWaitTimeout(config.require(ServerSettings.PAYMENTS_DUPLICATE_WAIT))
            .clock(clock)
            .build();
    LOG.info("Payments: gateways " + gateways.names() + ", default " + defaultGateway
        + (defaultGateway.equals("simulator") ? " (moves no money; BIZO_PAYMENTS_DEFAULT_GATEWAY not set)" : "")
        + ", reconciliation " + schedule);
  }

  /** Starts with the application: a wrong default gateway must fail the deployment, not the first payment. */
  void eager(@Observes @Initialized(ApplicationScoped.class) Object event) {
    LOG.atDebug().log(() -> "Payments ready: " + payments);
  }

  static ReconciliationSchedule schedule(Optional<String> delays) {
    if (delays.isEmpty()) {
      return ReconciliationSchedule.standard();
    }
    List<Duration> parsed = new ArrayList<>();
    for (String part : delays.get().split(",")) {
      try {
        parsed.add(Duration.parse(part.strip()));
      } catch (DateTimeParseException e) {
        throw new ConfigurationException(
            "configuration_invalid", "BIZO_PAYMENTS_RECONCILE_DELAYS takes ISO-8601 durations such as PT1M,PT5M: " + part);
      }
    }
    return ReconciliationSchedule.of(parsed);
  }

  /** The gateway new payments use unless the request names one. */
  public String defaultGateway() {
    return defaultGateway;
  }

  // Singleton, not ApplicationScoped: these types are final and cannot be proxied.
  @Produces
  @Singleton
  PaymentService paymentService() {
    return payments;
  }

  @Produces
  @Singleton
  Providers<PaymentGateway> paymentGateways() {
    return gateways;
  }
}
