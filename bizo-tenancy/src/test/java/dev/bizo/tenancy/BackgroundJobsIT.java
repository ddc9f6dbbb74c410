package dev.bizo.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.tenancy.jobs.BackgroundJobs;
import dev.bizo.tenancy.jobs.RecurringJobStatus;
import dev.bizo.testkit.Eventually;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** db-scheduler under tenancy: explicit tenants, one run across replicas, graceful close. */
@RealServices
class BackgroundJobsIT {

  private static TenancyDatabase database;
  private static Tenants tenants;
  private static TenantId active1;
  private static TenantId active2;
  private static TenantId suspended;
  private final List<BackgroundJobs> started = new ArrayList<>();

  @BeforeAll
  static void start(TestDatabase db) {
    database = TestTenancy.start(db);
    AuditLog audit = new AuditLog(database.transactions(), Clock.systemUTC());
    tenants = new Tenants(database.transactions(), new Users(database.transactions(), audit, Clock.systemUTC()), audit, Clock.systemUTC());
    active1 = tenants.signup(TestTenancy.signup("jobs-one")).tenant().id();
    active2 = tenants.signup(TestTenancy.signup("jobs-two")).tenant().id();
    suspended = tenants.signup(TestTenancy.signup("jobs-off")).tenant().id();
    tenants.changeStatus(suspended, TenantStatus.SUSPENDED, "test");
  }

  @AfterAll
  static void stop() {
    database.close();
  }

  @AfterEach
  void closeSchedulers() throws Exception {
    started.forEach(BackgroundJobs::close);
    try (var c = database.appDataSource().getConnection(); var s = c.createStatement()) {
      s.execute("delete from scheduled_tasks");
    }
  }

  private BackgroundJobs.Builder replica(String name) {
    return BackgroundJobs.builder(database, tenants)
        .schedulerName(name)
        .pollingInterval(Duration.ofMillis(100))
        .threads(4);
  }

  private BackgroundJobs started(BackgroundJobs.Builder builder) {
    BackgroundJobs jobs = builder.start();
    started.add(jobs);
    return jobs;
  }

  @Test
  void visits_each_active_tenant_with_the_tenant_explicit_and_bound() {
    Map<TenantId, TenantId> seen = new ConcurrentHashMap<>();
    BackgroundJobs jobs =
        started(replica("a").perTenant("test.visit", Duration.ofHours(1), tenant -> seen.put(tenant, TenantContext.require())));

    jobs.triggerNow("test.visit");

    await(() -> seen.size() >= 2);
    assertThat(seen).containsEntry(active1, active1).containsEntry(active2, active2).doesNotContainKey(suspended);
  }

  @Test
  void a_failing_tenant_does_not_stop_the_others_and_the_run_is_recorded_as_failed() {
    Set<TenantId> done = ConcurrentHashMap.newKeySet();
    BackgroundJobs jobs =
        started(
            replica("a")
                .perTenant(
                    "test.flaky",
                    Duration.ofHours(1),
                    tenant -> {
                      if (tenant.equals(active1)) {
                        throw new IllegalStateException("gateway down for this tenant");
                      }
                      done.add(tenant);
                    }));

    jobs.triggerNow("test.flaky");

    await(() -> jobs.status().recurring().stream().anyMatch(RecurringJobStatus::failing));
    assertThat(done).containsExactly(active2);
    RecurringJobStatus status = jobs.status().recurring().get(0);
    assertThat(status.name()).isEqualTo("test.flaky");
    assertThat(status.lastFailure()).isPresent();
    assertThat(jobs.status().failingJobs()).isEqualTo(1);
  }

  @Test
  void a_wakeable_job_runs_at_once_for_a_new_tenant_that_a_notification_names() throws Exception {
    Map<TenantId, Integer> woken = new ConcurrentHashMap<>();
    BackgroundJobs jobs = started(replica("a")
        .perTenant("test.woken", Duration.ofHours(1), tenant -> {
          if (onWakeThread()) {
            woken.merge(TenantContext.require(), 1, Integer::sum);
          }
        })
        .wakeOn("test_wake", "test.woken")
        .tenantsRefresh(Duration.ofHours(1)));
    await(jobs::listening);
    TenantId fresh = tenants.signup(TestTenancy.signup("jobs-woken")).tenant().id();
    try {
      notify("test_wake", fresh.toString());

      await(() -> woken.containsKey(fresh));
      assertThat(woken).containsOnlyKeys(fresh).containsEntry(fresh, 1);
      assertThat(jobs.status().recurring().get(0).nextRun()).isAfter(Instant.now().plus(Duration.ofMinutes(30)));
    } finally {
      tenants.changeStatus(fresh, TenantStatus.SUSPENDED, "test");
    }
  }

  @Test
  void a_wake_up_for_a_suspended_or_unknown_tenant_or_a_malformed_payload_runs_nothing() throws Exception {
    List<TenantId> woken = new CopyOnWriteArrayList<>();
    BackgroundJobs jobs = started(replica("a")
        .threads(1)
        .perTenant("test.guarded", Duration.ofHours(1), tenant -> {
          if (onWakeThread()) {
            woken.add(tenant);
          }
        })
        .wakeOn("test_guard", "test.guarded"));
    await(jobs::listening);

    notify("test_guard", suspended.toString());
    notify("test_guard", TenantId.generate().toString());
    notify("test_guard", "not-a-tenant");
    notify("test_guard", active2.toString());

    // one wake-up thread runs them in order: the last one done means the others were judged first
    await(() -> woken.contains(active2));
    assertThat(woken).containsExactly(active2);
  }

  @Test
  void only_jobs_declared_wakeable_can_be_woken() {
    BackgroundJobs jobs = started(replica("a").perTenant("test.plain", Duration.ofHours(1), tenant -> {}));
    assertThatThrownBy(() -> jobs.wake("test.plain", active1))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors().get(0).code()).isEqualTo("jobs.not_wakeable"));
    assertThatThrownBy(() -> BackgroundJobs.builder(database, tenants).wakeOn("test_x", "test.missing"))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors().get(0).code()).isEqualTo("jobs.unknown_job"));
  }

  @Test
  void two_replicas_run_each_submitted_task_exactly_once_with_its_tenant_and_payload() {
    Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    Map<String, TenantId> tenantOf = new ConcurrentHashMap<>();
    BackgroundJobs one = started(replica("one").task("test.work", (tenant, payload) -> {
      runs.computeIfAbsent(payload, p -> new AtomicInteger()).incrementAndGet();
      tenantOf.put(payload, tenant);
    }));
    BackgroundJobs two = started(replica("two").task("test.work", (tenant, payload) -> {
      runs.computeIfAbsent(payload, p -> new AtomicInteger()).incrementAndGet();
      tenantOf.put(payload, tenant);
    }));

    for (int i = 0; i < 40; i++) {
      (i % 2 == 0 ? one : two).submit("test.work", i % 3 == 0 ? active1 : active2, "item-" + i);
    }

    await(() -> runs.size() == 40 && one.status().pendingTasks() == 0);
    sleep(500); // a second run would show up here
    assertThat(runs.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
    assertThat(tenantOf.get("item-3")).isEqualTo(active1);
    assertThat(tenantOf.get("item-4")).isEqualTo(active2);
  }

  @Test
  void two_replicas_never_run_the_same_recurring_job_at_the_same_time() {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    AtomicInteger visits = new AtomicInteger();
    TenantWorkProbe probe = tenant -> {
      int now = inFlight.incrementAndGet();
      maxInFlight.accumulateAndGet(now, Math::max);
      sleep(20);
      inFlight.decrementAndGet();
      visits.incrementAndGet();
    };
    started(replica("one").perTenant("test.shared", Duration.ofMillis(30), probe::visit));
    started(replica("two").perTenant("test.shared", Duration.ofMillis(30), probe::visit));

    await(() -> visits.get() >= 20);
    assertThat(maxInFlight.get()).isEqualTo(1);
  }

  @Test
  void a_recurring_job_left_running_by_a_killed_replica_is_revived_by_a_live_one() throws Exception {
    // A replica SIGKILLed mid-run leaves the job's row picked, and stops heartbeating.
    BackgroundJobs killed = started(replica("killed").perTenant("test.revived", Duration.ofHours(1), tenant -> {}));
    await(() -> killed.status().recurring().stream().anyMatch(j -> j.name().equals("test.revived") && j.lastSuccess().isPresent()));
    killed.close();
    try (var c = database.appDataSource().getConnection(); var s = c.createStatement()) {
      int rows = s.executeUpdate("update scheduled_tasks set picked = true, picked_by = 'killed-replica',"
          + " last_heartbeat = now() - interval '10 seconds', execution_time = now() - interval '10 seconds',"
          + " version = version + 1 where task_name = 'test.revived'");
      c.commit();
      assertThat(rows).isEqualTo(1);
    }
    Set<TenantId> visited = ConcurrentHashMap.newKeySet();

    BackgroundJobs survivor = started(replica("survivor")
        .heartbeatInterval(Duration.ofMillis(500))
        .perTenant("test.revived", Duration.ofHours(1), visited::add));

    // 6 missed heartbeats of 500 ms: the dead execution is revived and runs on the survivor.
    await(() -> visited.contains(active1));
    assertThat(visited).contains(active1, active2).doesNotContain(suspended);
    await(() -> survivor.status().recurring().stream().anyMatch(j -> j.name().equals("test.revived") && !j.running() && j.lastSuccess().isPresent()));
  }

  @Test
  void close_waits_for_running_work_to_finish() throws Exception {
    CountDownLatch startedWork = new CountDownLatch(1);
    AtomicBoolean finished = new AtomicBoolean();
    BackgroundJobs jobs = started(replica("a").task("test.slow", (tenant, payload) -> {
      startedWork.countDown();
      sleep(800);
      finished.set(true);
    }));
    jobs.submit("test.slow", active1, "x");
    assertThat(startedWork.await(20, TimeUnit.SECONDS)).isTrue();

    jobs.close();

    assertThat(finished).isTrue();
    assertThat(jobs.status().running()).isFalse();
  }

  @Test
  void refuses_unknown_tasks_and_jobs_and_oversized_payloads() {
    BackgroundJobs jobs = started(replica("a").task("test.known", (tenant, payload) -> {}));

    assertThatThrownBy(() -> jobs.submit("test.unknown", active1, ""))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors().get(0).code()).isEqualTo("jobs.unknown_task"));
    assertThatThrownBy(() -> jobs.triggerNow("test.unknown"))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors().get(0).code()).isEqualTo("jobs.unknown_job"));
    assertThatThrownBy(() -> jobs.submit("test.known", active1, "x".repeat(16_385)))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors().get(0).code()).isEqualTo("jobs.payload_too_large"));
    assertThatThrownBy(() -> BackgroundJobs.builder(database, tenants).task("Bad Name", (t, p) -> {}))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors().get(0).code()).isEqualTo("jobs.name_invalid"));
  }

  /** Recurring work that may be observed across threads. */
  @FunctionalInterface
  private interface TenantWorkProbe {
    void visit(TenantId tenant);
  }

  private static void notify(String channel, String payload) throws Exception {
    try (var c = database.appDataSource().getConnection();
        var s = c.prepareStatement("select pg_notify(?, ?)")) {
      s.setString(1, channel);
      s.setString(2, payload);
      s.execute();
      c.commit();
    }
  }

  /** Whether this work runs because it was woken, not on its schedule (the wake-up threads' names). */
  private static boolean onWakeThread() {
    return Thread.currentThread().getName().startsWith("bizo-jobs-wake-");
  }

  private static void await(BooleanSupplier condition) {
    Eventually.within(Duration.ofSeconds(30), "condition", condition);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
