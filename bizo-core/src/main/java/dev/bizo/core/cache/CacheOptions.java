package dev.bizo.core.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How caches behave.
 *
 * @param defaultTtl how long an entry lives unless {@code put} says otherwise
 * @param maxEntries the bound of each local cache (a shared Redis is bounded by its own policy)
 * @param clock the time source of local caches; Redis expires entries on its own clock
 */
public record CacheOptions(Duration defaultTtl, int maxEntries, Clock clock) {

  public CacheOptions {
    Objects.requireNonNull(defaultTtl, "defaultTtl");
    Objects.requireNonNull(clock, "clock");
    if (defaultTtl.isNegative() || defaultTtl.isZero()) {
      throw new IllegalArgumentException("defaultTtl must be positive: " + defaultTtl);
    }
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1: " + maxEntries);
    }
  }

  /** Ten minutes, 10 000 entries, the system clock. */
  public static CacheOptions defaults() {
    return new CacheOptions(Duration.ofMinutes(10), 10_000, Clock.systemUTC());
  }

  public CacheOptions withDefaultTtl(Duration ttl) {
    return new CacheOptions(ttl, maxEntries, clock);
  }

  public CacheOptions withMaxEntries(int max) {
    return new CacheOptions(defaultTtl, max, clock);
  }

  public CacheOptions withClock(Clock newClock) {
    return new CacheOptions(defaultTtl, maxEntries, newClock);
  }
}
