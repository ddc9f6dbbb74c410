package dev.bizo.server.auth;

import dev.bizo.core.config.BizoConfig;
import dev.bizo.platform.Bizo;
import dev.bizo.tenancy.auth.ApiKeys;
import dev.bizo.tenancy.auth.AuthService;
import dev.bizo.tenancy.auth.AuthSettings;
import dev.bizo.tenancy.auth.SharedSigningKeys;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands out the {@link AuthService} and API keys that {@link Bizo} built from the {@code BIZO_AUTH_*} settings,
 * exactly as for an embedding application, and keeps the shared signing keys fresh.
 *
 * <p>The access-token signing keys are one ring shared by every replica, sealed in the platform secrets
 * with the master key: a token issued by one replica verifies on all of them and survives a restart. Each
 * replica re-reads the ring every minute, so a rotation made elsewhere is picked up.
 */
@ApplicationScoped
public class AuthWiring {

  private static final Logger LOG = LoggerFactory.getLogger(AuthWiring.class);

  private static final Duration KEY_REFRESH = Duration.ofMinutes(1);

  @Inject BizoConfig config;
  @Inject Bizo bizo;

  private SharedSigningKeys signingKeys;
  private ScheduledExecutorService keyRefresh;

  private ApiKeys apiKeys;
  private AuthService auth;

  @PostConstruct
  void build() {
    // The same ApiKeys the resources inject: a revocation drops the key from the cache that authenticates requests.
    apiKeys = bizo.apiKeys();
    signingKeys = bizo.signingKeys();
    auth = bizo.auth();
    keyRefresh = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "bizo-signing-keys");
      t.setDaemon(true);
      return t;
    });
    keyRefresh.scheduleWithFixedDelay(this::refreshKeys, KEY_REFRESH.toSeconds(), KEY_REFRESH.toSeconds(), TimeUnit.SECONDS);
    LOG.info("Auth: " + auth + ", issuer " + config.require(AuthSettings.ISSUER)
        + ", signing keys shared by all replicas through the sealed platform secrets");
  }

  private void refreshKeys() {
    try {
      if (signingKeys.refresh()) {
        LOG.info("Auth: signing keys rotated by another replica, adopted");
      }
    } catch (RuntimeException e) {
      LOG.warn("Auth: could not re-read the shared signing keys; retrying in a minute: " + e.getMessage(), e);
    }
  }

  @PreDestroy
  void close() {
    // The AuthService is closed with the platform (PlatformDatabase).
    keyRefresh.shutdownNow();
  }

  // Singleton, not ApplicationScoped: these types are final and cannot be proxied.
  @Produces
  @Singleton
  AuthService authService() {
    return auth;
  }

  @Produces
  @Singleton
  ApiKeys apiKeys() {
    return apiKeys;
  }
}
