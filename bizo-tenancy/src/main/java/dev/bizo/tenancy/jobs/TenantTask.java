package dev.bizo.tenancy.jobs;

import dev.bizo.core.TenantId;

/**
 * A one-time task handler: runs a task that was {@linkplain BackgroundJobs#submit submitted} for a tenant,
 * once, on one replica.
 *
 * <p>The payload is the opaque string given at submission. Keep it to ids and parameters (e.g. a model
 * id): it is stored outside row-level security in the scheduler's table, so it must never carry the
 * tenant's personal data.
 */
@FunctionalInterface
public interface TenantTask {

  /**
   * Runs the task for {@code tenant}; the tenant is also bound in {@link dev.bizo.tenancy.TenantContext}.
   *
   * @throws Exception a failure: the task is retried later, up to the job's retry limit, then dropped
   *     with an error log naming the task and tenant
   */
  void run(TenantId tenant, String payload) throws Exception;
}
