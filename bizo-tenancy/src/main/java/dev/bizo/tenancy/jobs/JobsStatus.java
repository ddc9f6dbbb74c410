package dev.bizo.tenancy.jobs;

import java.util.List;
import java.util.Objects;

/**
 * A snapshot of the background jobs, for health checks and dashboards.
 *
 * @param running whether this replica's scheduler is started and not shutting down
 * @param recurring every recurring job, in registration order
 * @param pendingTasks one-time tasks submitted and not yet completed, across all replicas
 */
public record JobsStatus(boolean running, List<RecurringJobStatus> recurring, long pendingTasks) {

  /** Validates and copies the fields. */
  public JobsStatus {
    recurring = List.copyOf(Objects.requireNonNull(recurring, "recurring"));
    if (pendingTasks < 0) {
      throw new IllegalArgumentException("pendingTasks < 0");
    }
  }

  /** How many recurring jobs failed for some tenant on their latest run. */
  public long failingJobs() {
    return recurring.stream().filter(RecurringJobStatus::failing).count();
  }
}
