package dev.bizo.benchmarks.bare;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * A readiness check named {@value #NAME}: WildFly answers {@code /health/ready} UP before any deployment
 * is in, so the suite waits for this check, as it waits for the reference server's own checks.
 */
@Readiness
@ApplicationScoped
public class BareReadiness implements HealthCheck {

  /** The check's name in {@code /health/ready}. */
  public static final String NAME = "bare-application";

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.up(NAME);
  }
}
