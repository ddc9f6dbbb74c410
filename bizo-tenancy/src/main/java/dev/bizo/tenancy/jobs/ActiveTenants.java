package dev.bizo.tenancy.jobs;

import dev.bizo.core.TenantId;
import dev.bizo.tenancy.Tenant;
import dev.bizo.tenancy.TenantStatus;
import dev.bizo.tenancy.Tenants;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Active tenants, re-read from the audited system scope at most once per refresh interval. */
final class ActiveTenants {
  private static final int MAX_TENANTS = 10_000;

  private final Tenants tenants;
  private final Duration refresh;
  private final Clock clock;
  private List<TenantId> cached = List.of();
  private Instant readAt = Instant.MIN;

  ActiveTenants(Tenants tenants, Duration refresh, Clock clock) {
    this.tenants = tenants;
    this.refresh = refresh;
    this.clock = clock;
  }

  synchronized void invalidate() {
    readAt = Instant.MIN;
  }

  synchronized List<TenantId> get() {
    Instant now = clock.instant();
    if (readAt.equals(Instant.MIN) || !now.isBefore(readAt.plus(refresh))) {
      cached =
          tenants.list("background jobs: list active tenants", MAX_TENANTS).stream()
              .filter(t -> t.status() == TenantStatus.ACTIVE)
              .map(Tenant::id)
              .toList();
      readAt = now;
    }
    return cached;
  }
}
