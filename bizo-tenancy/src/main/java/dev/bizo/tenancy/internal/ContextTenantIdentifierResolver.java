package dev.bizo.tenancy.internal;

import dev.bizo.core.TenantId;
import dev.bizo.tenancy.TenantContext;
import java.util.UUID;
import org.hibernate.context.spi.CurrentTenantIdentifierResolver;

/**
 * Gives Hibernate the tenant of {@link TenantContext}; the nil UUID is the root tenant used only by the
 * read-only system scope, where Hibernate's tenant filter is off and row-level security decides.
 */
public final class ContextTenantIdentifierResolver implements CurrentTenantIdentifierResolver<Object> {

  /** Hibernate's root tenant: the system scope. Never a real tenant id. */
  public static final UUID ROOT = new UUID(0L, 0L);

  @Override
  public Object resolveCurrentTenantIdentifier() {
    // null makes Hibernate refuse a session opened without an explicit tenant: never a missing tenant
    return TenantContext.current().map(TenantId::value).orElse(null);
  }

  @Override
  public boolean validateExistingCurrentSessions() {
    return true;
  }

  @Override
  public boolean isRoot(Object tenantId) {
    return ROOT.equals(tenantId);
  }
}
