package dev.bizo.tenancy.auth.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bizo.tenancy.auth.spi.AttemptCounter;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Sliding-window log in a bounded Caffeine cache: one node only, lost on restart, but needs no
 * infrastructure. Each key keeps at most {@code maxRemembered} timestamps, which is all a limit needs.
 */
public final class LocalAttemptCounter implements AttemptCounter {

  private final Cache<String, long[]> attempts;
  private final Duration window;
  private final Clock clock;
  private final int maxRemembered;

  public LocalAttemptCounter(Duration window, int maxRemembered, long maxKeys, Clock clock) {
    this.window = Objects.requireNonNull(window, "window");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxRemembered = maxRemembered;
    this.attempts =
        Caffeine.newBuilder()
            .maximumSize(maxKeys)
            .expireAfterWrite(window)
            .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
            .build();
  }

  @Override
  public int record(String key) {
    long now = clock.millis();
    long[] updated = attempts.asMap().compute(key, (k, old) -> {
      long[] live = live(old, now);
      long[] next = Arrays.copyOf(live, Math.min(live.length + 1, maxRemembered));
      if (live.length >= maxRemembered) {
        System.arraycopy(live, 1, next, 0, maxRemembered - 1);
      }
      next[next.length - 1] = now;
      return next;
    });
    return updated.length;
  }

  @Override
  public int count(String key) {
    return live(attempts.getIfPresent(key), clock.millis()).length;
  }

  @Override
  public void reset(String key) {
    attempts.invalidate(key);
  }

  private long[] live(long[] timestamps, long now) {
    if (timestamps == null) {
      return new long[0];
    }
    long cutoff = now - window.toMillis();
    return Arrays.stream(timestamps).filter(t -> t > cutoff).toArray();
  }
}
