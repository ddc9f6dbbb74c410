package dev.bizo.tenancy.auth;

import dev.bizo.tenancy.AuditLog;
import dev.bizo.tenancy.auth.spi.AuthAuditSink;
import java.util.Objects;

/**
 * Writes {@link AuthEvent}s into the tenant's append-only {@link AuditLog} with actions such as
 * {@code auth.login_failed}. Events without a tenant (a login naming an unknown tenant, a blocked
 * address) have no tenant log to go to and are logged under {@code dev.bizo.tenancy.auth.audit}.
 */
public final class TenancyAuditSink implements AuthAuditSink {

  private final AuditLog auditLog;
  private final AuthAuditSink withoutTenant = AuthAuditSink.logging();

  public TenancyAuditSink(AuditLog auditLog) {
    this.auditLog = Objects.requireNonNull(auditLog, "auditLog");
  }

  @Override
  public void record(AuthEvent event) {
    if (event.tenant().isEmpty()) {
      withoutTenant.record(event);
      return;
    }
    String detail = event.detail() + event.clientAddress().map(a -> " from " + a).orElse("");
    auditLog.append(event.tenant().get(), event.actor(), event.type().action(), null, detail);
  }
}
