package dev.bizo.server.auth;

import dev.bizo.core.config.BizoConfig;
import dev.bizo.tenancy.AuditLog;
import dev.bizo.tenancy.MasterKeyring;
import dev.bizo.tenancy.PlatformSecrets;
import dev.bizo.tenancy.TenancyDatabase;
import dev.bizo.tenancy.Tenants;
import dev.bizo.tenancy.Transactions;
import dev.bizo.tenancy.Users;
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
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds tenancy's services and the {@link AuthService} over the platform database, from the same
 * {@code BIZO_AUTH_*} settings an embedding application would use.
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
  @Inject Transactions transactions;
  @Inject TenancyDatabase database;
  @Inject MasterKeyring keyring;
  @Inject Clock clock;
  @Inject AuditLog auditLog;
  @Inject Users users;
  @Inject Tenants tenants;

  private SharedSigningKeys signingKeys;
  private ScheduledExecutorService keyRefresh;

  private ApiKeys apiKeys;
  private AuthService auth;

  @PostConstruct
  void build() {
    apiKeys = new ApiKeys(transactions, clock);
    signingKeys = SharedSigningKeys.open(
        new PlatformSecrets(database, keyring, clock), AuthSettings.accessTokens(config).retiredKeyRetention(), clock);
    // The same ApiKeys the resources inject: a revocation drops the key from the cache that authenticates requests.
    auth = AuthService.builder().tenancy(tenants, users, auditLog).fromConfig(config, transactions, signingKeys.ring(), clock)
        .apiKeys(apiKeys).build();
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
    keyRefresh.shutdownNow();
    auth.close();
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
