package dev.bizo.tenancy.internal;

import java.util.List;

/** Tenancy's Hibernate entities, registered by {@code TenancyDatabase.TENANCY_MODULE}. */
public final class TenancyEntities {

  public static final List<Class<?>> ALL = List.of(TenantRow.class, UserRow.class, AuditRow.class, SecretRow.class);

  private TenancyEntities() {}
}
