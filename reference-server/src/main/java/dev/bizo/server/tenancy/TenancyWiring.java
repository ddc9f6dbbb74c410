package dev.bizo.server.tenancy;

import dev.bizo.platform.Bizo;
import dev.bizo.tenancy.AuditLog;
import dev.bizo.tenancy.TenantSecrets;
import dev.bizo.tenancy.Tenants;
import dev.bizo.tenancy.Users;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Hands out the tenancy services every capability shares, as {@link Bizo} built them: the audit log, users, tenants
 * and the tenants' sealed secrets (gateway credentials, webhook signing secrets). Auth, payments, webhooks and agents
 * inject them from here instead of from one another's wiring.
 */
@ApplicationScoped
public class TenancyWiring {

  @Inject Bizo bizo;

  private AuditLog auditLog;
  private Users users;
  private Tenants tenants;
  private TenantSecrets secrets;

  @PostConstruct
  void build() {
    auditLog = bizo.auditLog();
    users = bizo.users();
    tenants = bizo.tenants();
    secrets = bizo.tenantSecrets();
  }

  // Singleton, not ApplicationScoped: these types are final and cannot be proxied.
  @Produces
  @Singleton
  AuditLog auditLog() {
    return auditLog;
  }

  @Produces
  @Singleton
  Users users() {
    return users;
  }

  @Produces
  @Singleton
  Tenants tenants() {
    return tenants;
  }

  @Produces
  @Singleton
  TenantSecrets tenantSecrets() {
    return secrets;
  }
}
