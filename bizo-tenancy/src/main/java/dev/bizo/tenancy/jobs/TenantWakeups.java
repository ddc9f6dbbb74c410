package dev.bizo.tenancy.jobs;

import dev.bizo.core.TenantId;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a job's work for one tenant now, on this replica, coalescing wake-ups: while a run for a (job, tenant)
 * is queued or running, further wake-ups for it cost nothing but guarantee one more run that starts after
 * them. So every wake-up is followed by a run that begins after it, and the queue holds at most one entry per
 * (job, tenant).
 */
final class TenantWakeups {

  private static final Logger LOG = LoggerFactory.getLogger(TenantWakeups.class);

  private record Key(String job, TenantId tenant) {}

  private final ThreadPoolExecutor executor;
  private final BiConsumer<String, TenantId> run;
  /** Wake-ups not yet covered by a run that started after them; zero when idle. */
  private final Map<Key, AtomicInteger> pending = new ConcurrentHashMap<>();
  private volatile boolean closed;

  TenantWakeups(int threads, BiConsumer<String, TenantId> run) {
    this.run = run;
    AtomicInteger n = new AtomicInteger();
    this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, "bizo-jobs-wake-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  void wake(String job, TenantId tenant) {
    Key key = new Key(job, tenant);
    AtomicInteger wakes = pending.computeIfAbsent(key, k -> new AtomicInteger());
    if (wakes.getAndIncrement() == 0) {
      try {
        executor.execute(() -> drain(key, wakes));
      } catch (RejectedExecutionException e) {
        wakes.set(0);
        LOG.debug("wake-up of {} for tenant {} dropped: shutting down", job, tenant);
      }
    }
  }

  /** Runs {@code task} on the wake-up threads (e.g. a catch-up after a lost listener). */
  void execute(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      LOG.debug("task dropped: shutting down");
    }
  }

  private void drain(Key key, AtomicInteger wakes) {
    int covered;
    do {
      covered = wakes.get();
      try {
        run.accept(key.job(), key.tenant());
      } catch (RuntimeException e) {
        LOG.warn("job {} woken for tenant {} failed: {}", key.job(), key.tenant(), e.toString(), e);
      }
    } while (wakes.addAndGet(-covered) > 0 && !closed);
  }

  /** Stops taking wake-ups, drops queued ones and waits up to {@code wait} for runs under way. */
  void close(Duration wait) {
    closed = true;
    executor.shutdown();
    executor.getQueue().clear();
    try {
      if (!executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("woken job runs still under way after {}", wait);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
