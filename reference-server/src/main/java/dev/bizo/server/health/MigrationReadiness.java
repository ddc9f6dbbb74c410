package dev.bizo.server.health;

import dev.bizo.server.config.StartupStatus;
import dev.bizo.server.persistence.PlatformDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once every wired module's migrations have run. They run before the pool opens and a failed
 * migration fails the deployment, so this reports which modules are at their current schema. Until then, and for
 * good after a failed startup, it reports DOWN without touching the persistence bean, which would start it from
 * the probe's thread (see {@link StartupStatus}).
 */
@Readiness
@ApplicationScoped
public class MigrationReadiness implements HealthCheck {

  @Inject PlatformDatabase platform;
  @Inject StartupStatus startup;

  @Override
  public HealthCheckResponse call() {
    if (!startup.hasStarted(PlatformDatabase.COMPONENT)) {
      return HealthCheckResponse.named("migrations").down()
          .withData("error", startup.failure().isPresent() ? "not run, see the boot check" : "starting").build();
    }
    return HealthCheckResponse.named("migrations")
        .status(platform.modules() != null)
        .withData("modules", String.join(",", platform.modules() == null ? java.util.List.of() : platform.modules()))
        .withData("embedded", platform.isEmbedded())
        .build();
  }
}
