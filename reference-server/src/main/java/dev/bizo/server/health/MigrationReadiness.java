package dev.bizo.server.health;

import dev.bizo.server.persistence.PlatformDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once every wired module's migrations have run. They run before the pool opens and a failed
 * migration fails the deployment, so this reports which modules are at their current schema.
 */
@Readiness
@ApplicationScoped
public class MigrationReadiness implements HealthCheck {

  @Inject PlatformDatabase platform;

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("migrations")
        .status(platform.modules() != null)
        .withData("modules", String.join(",", platform.modules() == null ? java.util.List.of() : platform.modules()))
        .withData("embedded", platform.isEmbedded())
        .build();
  }
}
