package dev.bizo.server.health;

import dev.bizo.server.config.ServerState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/** Started once the application's startup work (directories, configuration report) has finished. */
@Startup
@ApplicationScoped
public class StartupCompleted implements HealthCheck {

  @Inject ServerState state;

  @Override
  public HealthCheckResponse call() {
    return state
        .startedAt()
        .map(at -> HealthCheckResponse.named("startup").up().withData("startedAt", at.toString()).build())
        .orElseGet(() -> HealthCheckResponse.named("startup").down().build());
  }
}
