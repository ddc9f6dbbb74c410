package dev.bizo.tenancy.jobs;

import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import dev.bizo.core.RetriableException;
import dev.bizo.core.TenantId;
import dev.bizo.tenancy.TenantContext;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How {@link BackgroundJobs}' work runs once db-scheduler picks it: a recurring job once per active tenant, a
 * one-time task for the tenant stored with it, each inside its {@link TenantContext}, with checked failures
 * carried through the scheduler. Out of {@link BackgroundJobs}, which keeps the scheduling. Logs under
 * {@link BackgroundJobs}' logger, as before the split.
 */
final class TenantJobRuns {

  private static final Logger LOG = LoggerFactory.getLogger(BackgroundJobs.class);

  private TenantJobRuns() {}

  static void forEachTenant(String job, TenantWork work, ActiveTenants activeTenants, ExecutionContext context) {
    int failed = 0;
    int done = 0;
    for (TenantId tenant : activeTenants.get()) {
      if (context.getSchedulerState().isShuttingDown()) {
        LOG.info("job {} stopped after {} tenants: shutting down", job, done);
        break;
      }
      try {
        TenantContext.call(tenant, () -> {
          unchecked(work, tenant);
          return null;
        });
      } catch (RuntimeException e) {
        failed++;
        LOG.warn("job {} failed for tenant {}: {}", job, tenant, e.toString(), e);
      }
      done++;
    }
    if (failed > 0) {
      throw new RetriableException("jobs.run_failed", "job " + job + " failed for " + failed + " of " + done + " tenants");
    }
  }

  static void unchecked(TenantWork work, TenantId tenant) {
    try {
      work.run(tenant);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new WorkFailed(e);
    }
  }

  static void task(String name, TenantTask handler, TaskInstance<String> instance) {
    TaskData data = TaskData.decode(instance.getData());
    TenantContext.call(data.tenant(), () -> {
      try {
        handler.run(data.tenant(), data.payload());
      } catch (RuntimeException e) {
        LOG.warn("task {} instance {} failed for tenant {}: {}", name, instance.getId(), data.tenant(), e.toString(), e);
        throw e;
      } catch (Exception e) {
        LOG.warn("task {} instance {} failed for tenant {}: {}", name, instance.getId(), data.tenant(), e.toString(), e);
        throw new WorkFailed(e);
      }
      return null;
    });
  }

  /** Carries a checked failure of user work through db-scheduler, which only takes unchecked ones. */
  private static final class WorkFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    WorkFailed(Exception cause) {
      super(cause.toString(), cause);
    }
  }

  /** The tenant id and payload of a one-time task, stored as one string: {@code <uuid>\n<payload>}. */
  record TaskData(TenantId tenant, String payload) {
    static String encode(TenantId tenant, String payload) {
      return tenant.value() + "\n" + payload;
    }

    static TaskData decode(String data) {
      int newline = data.indexOf('\n');
      return new TaskData(new TenantId(UUID.fromString(data.substring(0, newline))), data.substring(newline + 1));
    }
  }
}
