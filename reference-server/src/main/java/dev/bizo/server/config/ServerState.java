package dev.bizo.server.config;

import dev.bizo.core.ConfigurationException;
import dev.bizo.core.config.BizoConfig;
import dev.bizo.core.config.CoreSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the server decided at startup, and whether startup has finished. Logs one line per choice so an
 * operator can see from the log alone what a bare {@code java -jar} picked.
 */
@ApplicationScoped
public class ServerState {

  private static final Logger LOG = LoggerFactory.getLogger(ServerState.class);

  @Inject BizoConfig config;
  @Inject Clock clock;

  private String version;
  private Path dataDir;
  private volatile Instant startedAt;

  @PostConstruct
  void resolve() {
    version = readVersion();
    dataDir = dataDir(config);
  }

  /** The absolute data directory {@code config} names. */
  public static Path dataDir(BizoConfig config) {
    return Path.of(config.require(ServerSettings.DATA_DIR)).toAbsolutePath().normalize();
  }

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new ConfigurationException(
          "configuration_invalid", "Cannot create BIZO_DATA_DIR " + dataDir + ": " + e.getMessage());
    }
    LOG.info("Bizo reference server " + version + " starting");
    LOG.info("HTTP port " + httpPort() + " (BIZO_HTTP_PORT or -Djboss.http.port; default 8080)");
    LOG.info("Data directory " + dataDir + " (BIZO_DATA_DIR; default ./bizo-data)");
    LOG.info("Cache: " + (config.find(CoreSettings.REDIS_URL).isPresent()
        ? "Redis (BIZO_REDIS_URL) for the login throttle and the rate limits" : "local in-process cache (BIZO_REDIS_URL not set)"));
    startedAt = clock.instant();
  }

  /** The project version the server was built from. */
  public String version() {
    return version;
  }

  /** The absolute data directory. */
  public Path dataDir() {
    return dataDir;
  }

  /** When startup finished; empty while the server is still starting. */
  public Optional<Instant> startedAt() {
    return Optional.ofNullable(startedAt);
  }

  /** The port the HTTP listener was told to use, by the same precedence as the server configuration. */
  public int httpPort() {
    Integer explicit = Integer.getInteger("jboss.http.port");
    return explicit != null ? explicit : config.require(ServerSettings.HTTP_PORT);
  }

  private static String readVersion() {
    Properties properties = new Properties();
    try (InputStream in = ServerState.class.getResourceAsStream("/bizo-server.properties")) {
      if (in == null) {
        throw new IllegalStateException("bizo-server.properties is missing from the WAR");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version");
  }
}
