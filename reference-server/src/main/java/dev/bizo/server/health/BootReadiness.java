package dev.bizo.server.health;

import dev.bizo.server.config.StartupStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready after a failed startup, for good: the reason is one line in the check's data (the log has the
 * whole exception, once). A restart is the cure, once the cause is fixed.
 */
@Readiness
@ApplicationScoped
public class BootReadiness implements HealthCheck {

  @Inject StartupStatus startup;

  @Override
  public HealthCheckResponse call() {
    return startup.failure()
        .map(reason -> HealthCheckResponse.named("boot").down().withData("reason", reason).build())
        .orElseGet(() -> HealthCheckResponse.named("boot").up().build());
  }
}
