package dev.bizo.tenancy.jobs;

import dev.bizo.core.TenantId;

/**
 * Recurring work for one tenant, called by {@link BackgroundJobs} once per active tenant on each run.
 *
 * <p>Implementations must be idempotent and bounded (process at most a batch, e.g. {@code limit} rows):
 * a run may be repeated after a replica dies mid-run, and a long run delays the next tenant.
 */
@FunctionalInterface
public interface TenantWork {

  /**
   * Does one bounded batch of work for {@code tenant}. The tenant is also bound in
   * {@link dev.bizo.tenancy.TenantContext} for the duration of the call.
   *
   * @throws Exception any failure: it is logged with the tenant and job name, counted as a failed run,
   *     and does not stop the job for other tenants
   */
  void run(TenantId tenant) throws Exception;
}
