package dev.bizo.server.auth;

import dev.bizo.core.config.BizoConfig;
import dev.bizo.tenancy.AuditLog;
import dev.bizo.tenancy.Tenants;
import dev.bizo.tenancy.Transactions;
import dev.bizo.tenancy.Users;
import dev.bizo.tenancy.auth.ApiKeys;
import dev.bizo.tenancy.auth.AuthService;
import dev.bizo.tenancy.auth.AuthSettings;
import dev.bizo.tenancy.auth.SigningKeyRing;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.lang.System.Logger.Level;
import java.time.Clock;

/**
 * Builds tenancy's services and the {@link AuthService} over the platform database, from the same
 * {@code BIZO_AUTH_*} settings an embedding application would use.
 *
 * <p>The access-token signing keys are generated at each start and kept in memory: a restart ends
 * access tokens early (they live minutes), while refresh tokens, stored in the database, keep working.
 */
@ApplicationScoped
public class AuthWiring {

  private static final System.Logger LOG = System.getLogger(AuthWiring.class.getName());

  @Inject BizoConfig config;
  @Inject Transactions transactions;
  @Inject Clock clock;

  private AuditLog auditLog;
  private Users users;
  private Tenants tenants;
  private ApiKeys apiKeys;
  private AuthService auth;

  @PostConstruct
  void build() {
    auditLog = new AuditLog(transactions, clock);
    users = new Users(transactions, auditLog, clock);
    tenants = new Tenants(transactions, users, auditLog, clock);
    apiKeys = new ApiKeys(transactions, clock);
    SigningKeyRing keys = SigningKeyRing.generate(AuthSettings.accessTokens(config).retiredKeyRetention(), clock);
    auth = AuthService.builder().tenancy(tenants, users, auditLog).fromConfig(config, transactions, keys, clock).build();
    LOG.log(Level.INFO, "Auth: " + auth + ", issuer " + config.require(AuthSettings.ISSUER));
  }

  @PreDestroy
  void close() {
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
  Tenants tenants() {
    return tenants;
  }

  @Produces
  @Singleton
  Users users() {
    return users;
  }

  @Produces
  @Singleton
  AuditLog auditLog() {
    return auditLog;
  }

  @Produces
  @Singleton
  ApiKeys apiKeys() {
    return apiKeys;
  }
}
