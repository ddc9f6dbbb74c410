package dev.bizo.core.cache;

import dev.bizo.core.TenantId;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * A cache of tenant data. Every key is scoped by a {@link TenantId}: there is deliberately no method
 * that reads or writes a key without one, so one tenant's entry can never answer another's lookup.
 *
 * <p>Obtain instances from {@link Caches}: the same interface is served by a local Caffeine cache or
 * by a shared Redis, chosen by configuration.
 *
 * @param <V> the value type
 */
public interface TenantCache<V> {

  /** The cache's name, unique within its {@link Caches}. */
  String name();

  /** The cached value, if present and not expired. */
  Optional<V> get(TenantId tenant, String key);

  /**
   * The cached value, loading and caching it on a miss.
   *
   * @param loader computes the value from the key; must not return {@code null}
   */
  V get(TenantId tenant, String key, Function<String, ? extends V> loader);

  /** Stores a value with the cache's default time-to-live. */
  void put(TenantId tenant, String key, V value);

  /** Stores a value that expires after {@code ttl}. */
  void put(TenantId tenant, String key, V value, Duration ttl);

  /** Removes one entry. */
  void invalidate(TenantId tenant, String key);

  /** Removes every entry of one tenant, and only that tenant's. */
  void invalidateAll(TenantId tenant);
}
