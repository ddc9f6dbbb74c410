package dev.bizo.tenancy.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.core.TenantId;
import dev.bizo.testkit.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Coalescing of wake-ups: one queued run per job and tenant, and always a run after the last wake-up. */
class TenantWakeupsTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void wake_ups_during_a_run_coalesce_into_one_more_run_that_starts_after_them() throws Exception {
    TenantId tenant = TenantId.generate();
    CountDownLatch firstRunStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    AtomicInteger wakesSeenAtRunStart = new AtomicInteger();
    AtomicInteger wakes = new AtomicInteger();
    TenantWakeups wakeups = new TenantWakeups(4, (job, t) -> {
      int run = runs.incrementAndGet();
      wakesSeenAtRunStart.set(wakes.get());
      if (run == 1) {
        firstRunStarted.countDown();
        await(release);
      }
    });
    try {
      wakes.incrementAndGet();
      wakeups.wake("job", tenant);
      assertThat(firstRunStarted.await(10, TimeUnit.SECONDS)).isTrue();
      for (int i = 0; i < 100; i++) {
        wakes.incrementAndGet();
        wakeups.wake("job", tenant);
      }
      release.countDown();
      Eventually.within(WAIT, "a second run", () -> runs.get() == 2);
      assertThat(wakesSeenAtRunStart.get()).as("the second run started after every wake-up").isEqualTo(101);
      wakeups.close(WAIT);
      assertThat(runs.get()).as("100 wake-ups during a run add one run, not 100").isEqualTo(2);
    } finally {
      release.countDown();
      wakeups.close(WAIT);
    }
  }

  @Test
  void different_tenants_run_independently() {
    TenantId a = TenantId.generate();
    TenantId b = TenantId.generate();
    List<TenantId> ran = new CopyOnWriteArrayList<>();
    TenantWakeups wakeups = new TenantWakeups(2, (job, t) -> ran.add(t));
    try {
      wakeups.wake("job", a);
      wakeups.wake("job", b);
      Eventually.within(WAIT, "both tenants ran", () -> ran.size() == 2);
      assertThat(ran).containsExactlyInAnyOrder(a, b);
    } finally {
      wakeups.close(WAIT);
    }
  }

  @Test
  void a_failing_run_does_not_stop_later_wake_ups() {
    TenantId tenant = TenantId.generate();
    AtomicInteger runs = new AtomicInteger();
    TenantWakeups wakeups = new TenantWakeups(1, (job, t) -> {
      if (runs.incrementAndGet() == 1) {
        throw new IllegalStateException("first run fails");
      }
    });
    try {
      wakeups.wake("job", tenant);
      Eventually.within(WAIT, "the failing run", () -> runs.get() == 1);
      wakeups.wake("job", tenant);
      Eventually.within(WAIT, "a later run", () -> runs.get() == 2);
    } finally {
      wakeups.close(WAIT);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
