package dev.bizo.tenancy.jobs;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceException;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.bizo.core.Ids;
import dev.bizo.core.RetriableException;
import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.tenancy.TenancyDatabase;
import dev.bizo.tenancy.Tenant;
import dev.bizo.tenancy.TenantContext;
import dev.bizo.tenancy.TenantStatus;
import dev.bizo.tenancy.Tenants;
import dev.bizo.tenancy.notify.DatabaseNotifications;
import dev.bizo.tenancy.notify.NotificationHandler;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster-safe background work on PostgreSQL: recurring jobs that visit every active tenant, and one-time
 * tasks submitted for one tenant. Built on db-scheduler, whose table ({@code scheduled_tasks}) tenancy's
 * migrations create.
 *
 * <p><b>Guarantees.</b>
 * <ul>
 *   <li>A recurring job runs on one replica at a time: each run is claimed with an optimistic lock on its
 *       row, so with N replicas it still runs once per interval, not N times.</li>
 *   <li>A submitted task runs once, on one replica.</li>
 *   <li>If a replica dies mid-run, another replica revives the job or task once the dead one has missed
 *       its heartbeats (see {@link Builder#heartbeatInterval(Duration)}), so work must be idempotent.</li>
 *   <li>The tenant is always explicit: recurring work receives each tenant as an argument and tasks get
 *       the tenant they were submitted for; it is also bound in {@link TenantContext} during the call.
 *       Nothing runs "as no tenant" or across tenants.</li>
 *   <li>One tenant's failure is logged with the job and tenant, counted, and does not stop the job for
 *       the other tenants; the run is then recorded as failed (see {@link #status()}).</li>
 *   <li>{@link #close()} stops picking new work and waits for running work to finish (up to
 *       {@link Builder#shutdownMaxWait(Duration)}): call it before closing the database.</li>
 * </ul>
 *
 * <pre>{@code
 * BackgroundJobs jobs = BackgroundJobs.builder(database, tenants)
 *     .perTenant("payments.reconcile", Duration.ofSeconds(30), tenant -> payments.reconcileDue(tenant, 100))
 *     .task("crm.train-model", (tenant, modelId) -> trainer.train(tenant, modelId))
 *     .start();
 * jobs.submit("crm.train-model", tenant, modelId.toString());
 * }</pre>
 *
 * <p>Active tenants are read in tenancy's audited system scope and cached for
 * {@link Builder#tenantsRefresh(Duration)}, so a busy job does not flood the platform audit log. The cache is
 * dropped at once when the database announces a new tenant or a change of status ({@link Tenants#NOTIFY_CHANNEL}),
 * so new tenants do not wait for the refresh.
 *
 * <p><b>Waking a job for one tenant.</b> A job declared with {@link Builder#wakeOn(String, String)} also runs
 * for a single tenant as soon as a PostgreSQL notification names that tenant on the channel (e.g. an outbox
 * event committed), or when {@link #wake(String, TenantId)} is called, without waiting for its interval. Such a
 * run happens on every replica that hears the notification, alongside the recurring run, so a wakeable job's
 * work must be safe to run concurrently with itself for the same tenant (e.g. claim its rows with
 * {@code FOR UPDATE SKIP LOCKED}). Wake-ups for the same job and tenant coalesce into at most one queued run,
 * and each wake-up is followed by a run that starts after it. The recurring schedule stays the safety net, and
 * after the listening connection is lost and regained the job is triggered for every tenant at once.
 */
public final class BackgroundJobs implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BackgroundJobs.class);
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*");
  private static final int MAX_PAYLOAD_CHARS = 16_384;

  private final Scheduler scheduler;
  private final Map<String, RecurringTask<Void>> recurring;
  private final Map<String, OneTimeTask<String>> tasks;
  private final Clock clock;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final ActiveTenants activeTenants;
  private final Tenants tenants;
  private final TenancyDatabase database;
  private final Map<String, String> wakeChannels;
  private final Map<String, TenantWork> wakeable = new LinkedHashMap<>();
  private final TenantWakeups wakeups;
  private final List<DatabaseNotifications.Subscription> subscriptions = new CopyOnWriteArrayList<>();
  private final Duration shutdownMaxWait;

  private BackgroundJobs(Builder b) {
    this.clock = b.clock;
    this.tenants = b.tenants;
    this.database = b.database;
    this.shutdownMaxWait = b.shutdownMaxWait;
    this.activeTenants = new ActiveTenants(b.tenants, b.tenantsRefresh, b.clock);
    this.wakeChannels = Map.copyOf(b.wakeChannels);
    b.wakeChannels.keySet().forEach(job -> wakeable.put(job, b.recurring.get(job).work()));
    this.wakeups = new TenantWakeups(b.threads, this::runWoken);
    this.recurring = new LinkedHashMap<>();
    b.recurring.forEach(
        (name, job) ->
            recurring.put(
                name,
                Tasks.recurring(name, Schedules.fixedDelay(job.every()))
                    .onDeadExecutionRevive()
                    .execute((instance, context) -> TenantJobRuns.forEachTenant(name, job.work(), activeTenants, context))));
    this.tasks = new LinkedHashMap<>();
    b.tasks.forEach(
        (name, handler) ->
            tasks.put(
                name,
                Tasks.oneTime(name, String.class)
                    .onFailure(
                        new FailureHandler.MaxRetriesFailureHandler<>(
                            b.taskRetries,
                            new FailureHandler.OnFailureRetryLater<>(b.taskRetryDelay),
                            (complete, ops) ->
                                LOG.error(
                                    "task {} instance {} gave up after {} retries",
                                    name,
                                    complete.getExecution().taskInstance.getId(),
                                    b.taskRetries)))
                    .onDeadExecutionRevive()
                    .execute((instance, context) -> TenantJobRuns.task(name, handler, instance))));
    List<com.github.kagkarlsson.scheduler.task.Task<?>> known = new ArrayList<>(tasks.values());
    this.scheduler =
        Scheduler.create(b.database.appDataSource(), known)
            .startTasks(new ArrayList<>(recurring.values()))
            .schedulerName(new SchedulerName.Fixed(b.schedulerName))
            .threads(b.threads)
            .pollingInterval(b.pollingInterval)
            .heartbeatInterval(b.heartbeatInterval)
            .missedHeartbeatsLimit(Builder.MISSED_HEARTBEATS_LIMIT)
            .shutdownMaxWait(b.shutdownMaxWait)
            .enableImmediateExecution()
            // tenancy's pool hands out connections with auto-commit off
            .commitWhenAutocommitDisabled(true)
            .build();
  }

  /**
   * A builder over the started tenancy database (the scheduler uses its application-role pool) and the
   * tenant directory (for the active tenants that recurring jobs visit).
   */
  public static Builder builder(TenancyDatabase database, Tenants tenants) {
    return new Builder(database, tenants);
  }

  /** Submits {@code task} for {@code tenant} to run as soon as possible; returns the task instance id. */
  public String submit(String task, TenantId tenant, String payload) {
    return submit(task, tenant, payload, clock.instant());
  }

  /**
   * Submits {@code task} for {@code tenant} to run at {@code at} (or as soon as possible if that is past),
   * on one replica.
   *
   * @return the new task instance's id
   * @throws ValidationException {@code jobs.unknown_task} when no task of that name was registered, or
   *     {@code jobs.payload_too_large} beyond 16,384 characters
   */
  public String submit(String task, TenantId tenant, String payload, Instant at) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(at, "at");
    OneTimeTask<String> t = tasks.get(task);
    if (t == null) {
      throw ValidationException.ofField("task", "jobs.unknown_task", "no task named " + task + "; known: " + tasks.keySet());
    }
    if (payload.length() > MAX_PAYLOAD_CHARS) {
      throw ValidationException.ofField("payload", "jobs.payload_too_large", "at most " + MAX_PAYLOAD_CHARS + " characters");
    }
    String id = Ids.newUuid().toString();
    scheduler.schedule(t.instance(id, TenantJobRuns.TaskData.encode(tenant, payload)), at);
    return id;
  }

  /**
   * Makes recurring job {@code job} due now (on whichever replica picks it first), e.g. for tests or an
   * operator's "run reconciliation now".
   *
   * @throws ValidationException {@code jobs.unknown_job} when no recurring job of that name exists
   */
  public void triggerNow(String job) {
    if (!recurring.containsKey(job)) {
      throw ValidationException.ofField("job", "jobs.unknown_job", "no recurring job named " + job + "; known: " + recurring.keySet());
    }
    TaskInstanceId id = TaskInstanceId.of(job, RecurringTask.INSTANCE);
    for (int attempt = 0; attempt < 50; attempt++) {
      Optional<ScheduledExecution<Object>> execution = scheduler.getScheduledExecution(id);
      if (execution.isPresent() && execution.get().isPicked()) {
        // running right now; make it due again as soon as this run completes
        sleepBriefly();
        continue;
      }
      try {
        if (execution.isEmpty()) {
          scheduler.schedule(recurring.get(job).instance(RecurringTask.INSTANCE), clock.instant());
        } else {
          scheduler.reschedule(id, clock.instant());
        }
        scheduler.triggerCheckForDueExecutions();
        return;
      } catch (TaskInstanceException e) {
        // picked or rescheduled by another replica between our read and write: read again
        LOG.debug("trigger of {} raced with a run: {}", job, e.getMessage());
        sleepBriefly();
      }
    }
    throw new RetriableException("jobs.busy", "job " + job + " stayed busy; it will run on its schedule");
  }

  /**
   * Runs wakeable job {@code job} for {@code tenant} now on this replica, besides its schedule; wake-ups for
   * the same job and tenant coalesce (see the class comment). Does nothing for a tenant that does not exist
   * or is not active, or after {@link #close()}.
   *
   * @throws ValidationException {@code jobs.not_wakeable} unless {@code job} was declared with
   *     {@link Builder#wakeOn(String, String)}
   */
  public void wake(String job, TenantId tenant) {
    Objects.requireNonNull(tenant, "tenant");
    if (!wakeable.containsKey(job)) {
      throw ValidationException.ofField("job", "jobs.not_wakeable", "no wakeable job named " + job + "; known: " + wakeable.keySet());
    }
    if (!closed.get()) {
      wakeups.wake(job, tenant);
    }
  }

  /**
   * Whether this replica hears the database's notifications right now (new tenants, and the channels of
   * {@link Builder#wakeOn}); while it does not, wakeable jobs fall back to their schedule.
   */
  public boolean listening() {
    return !closed.get() && subscriptions.stream().allMatch(DatabaseNotifications.Subscription::isListening);
  }

  /** The names of the recurring jobs, in registration order. */
  public List<String> recurringJobs() {
    return List.copyOf(recurring.keySet());
  }

  /** The names of the one-time tasks that can be submitted. */
  public List<String> taskNames() {
    return List.copyOf(tasks.keySet());
  }

  /** A snapshot read from the shared scheduler table and this replica's scheduler state. */
  public JobsStatus status() {
    List<RecurringJobStatus> jobs = new ArrayList<>();
    for (String name : recurring.keySet()) {
      Optional<ScheduledExecution<Object>> execution =
          scheduler.getScheduledExecution(TaskInstanceId.of(name, RecurringTask.INSTANCE));
      execution.ifPresent(
          e ->
              jobs.add(
                  new RecurringJobStatus(
                      name,
                      e.getExecutionTime(),
                      e.isPicked(),
                      Optional.ofNullable(e.getLastSuccess()),
                      Optional.ofNullable(e.getLastFailure()),
                      e.getConsecutiveFailures())));
    }
    long pending = 0;
    for (String name : tasks.keySet()) {
      pending += scheduler.getScheduledExecutionsForTask(name).size();
    }
    var state = scheduler.getSchedulerState();
    return new JobsStatus(state.isStarted() && !state.isShuttingDown() && !closed.get(), jobs, pending);
  }

  /** Stops picking work and waits for running work to finish; idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      subscriptions.forEach(DatabaseNotifications.Subscription::close);
      wakeups.close(shutdownMaxWait);
      scheduler.stop();
      LOG.info("background jobs stopped");
    }
  }

  private void start() {
    scheduler.start();
    DatabaseNotifications notifications = database.notifications();
    subscriptions.add(notifications.subscribe(Tenants.NOTIFY_CHANNEL, payload -> activeTenants.invalidate()));
    wakeChannels.forEach((job, channel) -> subscriptions.add(notifications.subscribe(channel, new NotificationHandler() {
      @Override
      public void notified(String payload) {
        parseTenant(payload).ifPresentOrElse(
            tenant -> wake(job, tenant),
            () -> LOG.warn("job {}: ignored a notification on {} that names no tenant: {}", job, channel, payload));
      }

      @Override
      public void listening() {
        // notifications sent while nobody listened are lost: run the job for every tenant now
        wakeups.execute(() -> catchUp(job));
      }
    })));
    LOG.info("background jobs started: recurring {} and tasks {}", recurring.keySet(), tasks.keySet());
  }

  private void catchUp(String job) {
    if (closed.get()) {
      return;
    }
    try {
      triggerNow(job);
    } catch (RuntimeException e) {
      LOG.warn("job {}: catching up after (re)connecting failed, it runs on its schedule: {}", job, e.toString());
    }
  }

  /** A woken run: only for an active tenant, which need not be in the cached list yet (a new tenant). */
  private void runWoken(String job, TenantId tenant) {
    if (closed.get()) {
      return;
    }
    if (!activeTenants.get().contains(tenant)) {
      // read in the tenant's own scope: no system-scope audit entry per event
      Optional<Tenant> found = tenants.find(tenant);
      if (found.isEmpty() || found.get().status() != TenantStatus.ACTIVE) {
        LOG.debug("job {}: woken for tenant {}, which is not active", job, tenant);
        return;
      }
      activeTenants.invalidate();
    }
    TenantWork work = wakeable.get(job);
    TenantContext.call(tenant, () -> {
      TenantJobRuns.unchecked(work, tenant);
      return null;
    });
  }

  private static Optional<TenantId> parseTenant(String payload) {
    try {
      return Optional.of(new TenantId(UUID.fromString(payload.strip())));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static void sleepBriefly() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetriableException("jobs.interrupted", "interrupted while triggering a job");
    }
  }

  private record Recurring(Duration every, TenantWork work) {}

  /** Collects the jobs and the scheduler's settings; {@link #start()} starts the scheduler. */
  public static final class Builder {
    /** Heartbeats a replica may miss before its executions count as dead (db-scheduler's default). */
    static final int MISSED_HEARTBEATS_LIMIT = 6;

    private final TenancyDatabase database;
    private final Tenants tenants;
    private final Map<String, Recurring> recurring = new LinkedHashMap<>();
    private final Map<String, TenantTask> tasks = new LinkedHashMap<>();
    private final Map<String, String> wakeChannels = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    private int threads = 4;
    private Duration pollingInterval = Duration.ofSeconds(2);
    private Duration heartbeatInterval = Duration.ofSeconds(10);
    private Duration shutdownMaxWait = Duration.ofSeconds(20);
    private Duration tenantsRefresh = Duration.ofSeconds(30);
    private Duration taskRetryDelay = Duration.ofSeconds(30);
    private int taskRetries = 5;
    private String schedulerName = defaultSchedulerName();

    private Builder(TenancyDatabase database, Tenants tenants) {
      this.database = Objects.requireNonNull(database, "database");
      this.tenants = Objects.requireNonNull(tenants, "tenants");
    }

    /**
     * Adds a recurring job that calls {@code work} for each active tenant, then waits {@code every}
     * before the next run (fixed delay, so runs never overlap).
     *
     * @param name lower-case dotted, e.g. {@code payments.reconcile}; unique among jobs and tasks
     */
    public Builder perTenant(String name, Duration every, TenantWork work) {
      checkName(name);
      Objects.requireNonNull(every, "every");
      Objects.requireNonNull(work, "work");
      if (every.isNegative() || every.isZero()) {
        throw ValidationException.ofField("every", "jobs.interval_invalid", "must be positive");
      }
      recurring.put(name, new Recurring(every, work));
      return this;
    }

    /**
     * Also runs recurring job {@code job} for one tenant whenever a PostgreSQL notification on {@code channel}
     * names that tenant (its payload is the tenant id), on every replica that hears it; see "Waking a job" in
     * {@link BackgroundJobs}. The job's work must tolerate concurrent runs for the same tenant.
     *
     * @param channel e.g. {@link dev.bizo.core.events.Outbox#NOTIFY_CHANNEL}
     * @param job a job already added with {@link #perTenant}
     * @throws ValidationException {@code jobs.unknown_job} when no such recurring job was added
     */
    public Builder wakeOn(String channel, String job) {
      Objects.requireNonNull(channel, "channel");
      if (!recurring.containsKey(job)) {
        throw ValidationException.ofField("job", "jobs.unknown_job", "add the job with perTenant first: " + job);
      }
      wakeChannels.put(job, channel);
      return this;
    }

    /**
     * Registers a one-time task handler, for {@link BackgroundJobs#submit}. Every replica must register
     * the same tasks: a replica that does not know a task leaves it for one that does.
     */
    public Builder task(String name, TenantTask handler) {
      checkName(name);
      tasks.put(name, Objects.requireNonNull(handler, "handler"));
      return this;
    }

    /**
     * The clock for default submission times and the tenant-list refresh (default UTC system clock);
     * db-scheduler itself runs on the system clock.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Worker threads on this replica (default 4). */
    public Builder threads(int threads) {
      if (threads < 1 || threads > 64) {
        throw ValidationException.ofField("threads", "jobs.threads_invalid", "1 to 64");
      }
      this.threads = threads;
      return this;
    }

    /** How often the scheduler looks for due work (default 2 s). */
    public Builder pollingInterval(Duration pollingInterval) {
      this.pollingInterval = positive("pollingInterval", pollingInterval);
      return this;
    }

    /**
     * How often a replica proves its running executions alive (default 10 s). An execution whose replica
     * missed {@value #MISSED_HEARTBEATS_LIMIT} heartbeats in a row (a replica killed mid-run) is revived by
     * another replica, so a killed replica holds up a recurring job for at most that many intervals
     * (1 minute by default). Each heartbeat is one small update per running execution.
     */
    public Builder heartbeatInterval(Duration heartbeatInterval) {
      this.heartbeatInterval = positive("heartbeatInterval", heartbeatInterval);
      return this;
    }

    /** How long {@link BackgroundJobs#close()} waits for running work (default 20 s). */
    public Builder shutdownMaxWait(Duration shutdownMaxWait) {
      this.shutdownMaxWait = positive("shutdownMaxWait", shutdownMaxWait);
      return this;
    }

    /** How long the list of active tenants is reused before it is read again (default 30 s). */
    public Builder tenantsRefresh(Duration tenantsRefresh) {
      this.tenantsRefresh = Objects.requireNonNull(tenantsRefresh, "tenantsRefresh");
      return this;
    }

    /** How often a failed task is retried (default 5) and after what delay (default 30 s). */
    public Builder taskRetries(int retries, Duration delay) {
      if (retries < 0 || retries > 100) {
        throw ValidationException.ofField("retries", "jobs.retries_invalid", "0 to 100");
      }
      this.taskRetries = retries;
      this.taskRetryDelay = positive("delay", delay);
      return this;
    }

    /** This replica's name in the scheduler table (default host name, process id and a random suffix). */
    public Builder schedulerName(String schedulerName) {
      this.schedulerName = Objects.requireNonNull(schedulerName, "schedulerName");
      return this;
    }

    /** Builds and starts the scheduler; recurring jobs are registered (once, cluster-wide) as it starts. */
    public BackgroundJobs start() {
      BackgroundJobs jobs = new BackgroundJobs(this);
      jobs.start();
      return jobs;
    }

    private void checkName(String name) {
      Objects.requireNonNull(name, "name");
      if (!NAME.matcher(name).matches()) {
        throw ValidationException.ofField("name", "jobs.name_invalid", "lower-case dotted words: " + name);
      }
      if (recurring.containsKey(name) || tasks.containsKey(name)) {
        throw ValidationException.ofField("name", "jobs.name_taken", "already registered: " + name);
      }
    }

    private static Duration positive(String field, Duration d) {
      Objects.requireNonNull(d, field);
      if (d.isNegative() || d.isZero()) {
        throw ValidationException.ofField(field, "jobs.duration_invalid", "must be positive");
      }
      return d;
    }

    private static String defaultSchedulerName() {
      String host;
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        host = "unknown-host";
      }
      return host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
  }
}
