package dev.bizo.server.health;

import dev.bizo.core.config.BizoConfig;
import dev.bizo.core.config.CoreSettings;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while Redis answers a PING, when {@code BIZO_REDIS_URL} is set; without Redis there is nothing to wait for. */
@Readiness
@ApplicationScoped
public class RedisReadiness implements HealthCheck {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  @Inject BizoConfig config;

  private RedisClient client;
  private StatefulRedisConnection<String, String> connection;

  @Override
  public HealthCheckResponse call() {
    Optional<String> url = config.find(CoreSettings.REDIS_URL).map(Object::toString);
    if (url.isEmpty()) {
      return HealthCheckResponse.named("redis").up().withData("configured", false).build();
    }
    try {
      String pong = connection(url.get()).sync().ping();
      return HealthCheckResponse.named("redis").status("PONG".equals(pong)).withData("configured", true).build();
    } catch (RuntimeException e) {
      return HealthCheckResponse.named("redis").down().withData("configured", true).withData("error", e.getMessage()).build();
    }
  }

  private synchronized StatefulRedisConnection<String, String> connection(String url) {
    if (connection == null || !connection.isOpen()) {
      if (client == null) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(TIMEOUT);
        client = RedisClient.create(uri);
      }
      connection = client.connect();
    }
    return connection;
  }

  @PreDestroy
  synchronized void close() {
    if (connection != null) {
      connection.close();
    }
    if (client != null) {
      client.shutdown();
    }
  }
}
