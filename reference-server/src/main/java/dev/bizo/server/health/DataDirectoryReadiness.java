package dev.bizo.server.health;

import dev.bizo.server.config.ServerState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while {@code BIZO_DATA_DIR} is a writable directory: the embedded database and the master
 * key live there. Database and migration checks join once the SDK is wired in.
 */
@Readiness
@ApplicationScoped
public class DataDirectoryReadiness implements HealthCheck {

  @Inject ServerState state;

  @Override
  public HealthCheckResponse call() {
    Path dir = state.dataDir();
    boolean usable = Files.isDirectory(dir) && Files.isWritable(dir);
    return HealthCheckResponse.named("data-directory").status(usable).withData("path", dir.toString()).build();
  }
}
