package dev.bizo.server.payments;

import dev.bizo.core.ConfigurationException;
import dev.bizo.core.Providers;
import dev.bizo.core.config.BizoConfig;
import dev.bizo.payments.PaymentService;
import dev.bizo.payments.ReconciliationSchedule;
import dev.bizo.payments.spi.PaymentGateway;
import dev.bizo.platform.Bizo;
import dev.bizo.server.config.ServerSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands out the {@link PaymentService} that {@link Bizo} built over every gateway on the class path (the simulator always; Stripe,
 * Razorpay and others once a tenant stores their credentials), with credentials read from encrypted
 * tenant secrets and the simulator as the default gateway unless configured otherwise.
 */
@ApplicationScoped
public class PaymentWiring {

  private static final Logger LOG = LoggerFactory.getLogger(PaymentWiring.class);

  @Inject BizoConfig config;
  @Inject Bizo bizo;

  private Providers<PaymentGateway> gateways;
  private PaymentService payments;
  private String defaultGateway;

  @PostConstruct
  void build() {
    // Built by PersistenceStart through Bizo, with the default gateway (checked installed there), the reconciliation
    // schedule and the duplicate wait from these settings.
    gateways = bizo.gateways();
    payments = bizo.payments();
    defaultGateway = config.require(ServerSettings.PAYMENTS_DEFAULT_GATEWAY);
    ReconciliationSchedule schedule = schedule(config.find(ServerSettings.PAYMENTS_RECONCILE_DELAYS));
    LOG.info("Payments: gateways " + gateways.names() + ", default " + defaultGateway
        + (defaultGateway.equals("simulator") ? " (moves no money; BIZO_PAYMENTS_DEFAULT_GATEWAY not set)" : "")
        + ", reconciliation " + schedule);
  }

  /** Starts with the application: a wrong default gateway must fail the deployment, not the first payment. */
  void eager(@Observes @Initialized(ApplicationScoped.class) Object event) {
    LOG.atDebug().log(() -> "Payments ready: " + payments);
  }

  /**
   * The reconciliation schedule of {@code BIZO_PAYMENTS_RECONCILE_DELAYS}; the standard one when unset.
   *
   * @throws ConfigurationException when a delay is not an ISO-8601 duration
   */
  public static ReconciliationSchedule schedule(Optional<String> delays) {
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
