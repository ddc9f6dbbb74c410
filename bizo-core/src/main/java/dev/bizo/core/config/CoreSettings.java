package dev.bizo.core.config;

import java.net.URI;
import java.time.Duration;

/** Settings read by bizo-core. Other modules declare theirs beside their own code. */
public final class CoreSettings {

  private CoreSettings() {}

  /** {@code BIZO_REDIS_URL}: when set, caches are shared through this Redis; otherwise local. */
  public static final Setting<URI> REDIS_URL = Setting.uri("bizo.redis.url").secret().build();

  /** {@code BIZO_CACHE_TTL}: the default time-to-live of cache entries. */
  public static final Setting<Duration> CACHE_TTL =
      Setting.duration("bizo.cache.ttl").defaultValue(Duration.ofMinutes(10)).build();

  /** {@code BIZO_CACHE_MAX_ENTRIES}: the bound of each local cache. */
  public static final Setting<Integer> CACHE_MAX_ENTRIES =
      Setting.integer("bizo.cache.max-entries").defaultValue(10_000).build();
}
