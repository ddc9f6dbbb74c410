package dev.bizo.tenancy;

import dev.bizo.core.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * A customer organisation: the unit of isolation.
 *
 * @param id the tenant id
 * @param name the display name
 * @param slug the unique, URL-safe short name, e.g. for subdomains and login
 * @param status whether the tenant may be used
 * @param createdAt when it signed up
 */
public record Tenant(TenantId id, String name, String slug, TenantStatus status, Instant createdAt) {

  public Tenant {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(slug, "slug");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
