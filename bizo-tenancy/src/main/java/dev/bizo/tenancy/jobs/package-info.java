/**
 * Cluster-safe background work on PostgreSQL (db-scheduler): {@link dev.bizo.tenancy.jobs.BackgroundJobs}
 * runs recurring {@link dev.bizo.tenancy.jobs.TenantWork} once per interval for every active tenant, on one
 * replica at a time, and one-time {@link dev.bizo.tenancy.jobs.TenantTask}s submitted for one tenant. A job
 * declared {@link dev.bizo.tenancy.jobs.BackgroundJobs.Builder#wakeOn wakeable} also runs for one tenant as soon
 * as a PostgreSQL notification names it, on the replica that hears it, so its work must tolerate concurrent runs.
 * {@link dev.bizo.tenancy.jobs.JobsStatus} is the snapshot for health checks and dashboards.
 *
 * <p>The tenant is always explicit and bound in {@link dev.bizo.tenancy.TenantContext} during the call;
 * nothing runs as no tenant or across tenants. A replica that dies mid-run has its work revived elsewhere,
 * so every job and task must be idempotent, and task payloads must carry no personal data.
 */
package dev.bizo.tenancy.jobs;
