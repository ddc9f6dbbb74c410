package dev.bizo.server.config;

import dev.bizo.core.config.BizoConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import org.eclipse.microprofile.config.Config;

/**
 * Gives the SDK a {@link BizoConfig} that reads through MicroProfile Config (system properties,
 * environment, any config source WildFly adds), so embedded and server use share one code path.
 */
@ApplicationScoped
public class ConfigurationProducer {

  /** SDK settings that are required for embedding but have an obvious value in this server. */
  static final Map<String, String> SERVER_DEFAULTS = Map.of("bizo.auth.issuer", "bizo-reference-server");

  @Inject Config microProfileConfig;

  // Singleton, not ApplicationScoped: BizoConfig is final and cannot be proxied.
  @Produces
  @Singleton
  BizoConfig bizoConfig() {
    return bizoConfig(microProfileConfig);
  }

  /** The server's {@link BizoConfig} over a MicroProfile {@link Config}; also used before CDI is up. */
  public static BizoConfig bizoConfig(Config microProfileConfig) {
    return BizoConfig.builder()
        .systemProperties(key -> microProfileConfig.getOptionalValue(key, String.class).orElse(SERVER_DEFAULTS.get(key)))
        .environment(System::getenv)
        .build();
  }

  @Produces
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }
}
