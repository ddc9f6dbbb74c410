package dev.bizo.server.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Live while the JVM can still allocate: a restart is the cure only when memory is exhausted. */
@Liveness
@ApplicationScoped
public class ProcessLiveness implements HealthCheck {

  /** Below this much headroom the process is considered wedged. */
  static final long MIN_FREE_HEAP_BYTES = 8L * 1024 * 1024;

  @Override
  public HealthCheckResponse call() {
    Runtime runtime = Runtime.getRuntime();
    long headroom = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    return HealthCheckResponse.named("process")
        .status(headroom >= MIN_FREE_HEAP_BYTES)
        .withData("heapHeadroomBytes", headroom)
        .build();
  }
}
