package dev.bizo.core.cache.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.bizo.core.TenantId;
import dev.bizo.core.cache.CacheOptions;
import dev.bizo.core.cache.TenantCache;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** Keys are (tenant, key) pairs, so a lookup can only ever match its own tenant's entry. */
public final class CaffeineTenantCache<V> implements TenantCache<V> {

  private record Key(TenantId tenant, String key) {
    Key {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(key, "key");
    }
  }

  private record Entry<V>(V value, long ttlNanos) {}

  private final String name;
  private final Duration defaultTtl;
  private final Cache<Key, Entry<V>> cache;

  public CaffeineTenantCache(String name, CacheOptions options) {
    this.name = name;
    this.defaultTtl = options.defaultTtl();
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(options.maxEntries())
            .ticker(() -> Math.multiplyExact(options.clock().millis(), 1_000_000L))
            .expireAfter(
                new Expiry<Key, Entry<V>>() {
                  @Override
                  public long expireAfterCreate(Key key, Entry<V> entry, long now) {
                    return entry.ttlNanos();
                  }

                  @Override
                  public long expireAfterUpdate(Key key, Entry<V> entry, long now, long current) {
                    return entry.ttlNanos();
                  }

                  @Override
                  public long expireAfterRead(Key key, Entry<V> entry, long now, long current) {
                    return current;
                  }
                })
            .build();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Optional<V> get(TenantId tenant, String key) {
    Entry<V> entry = cache.getIfPresent(new Key(tenant, key));
    return entry == null ? Optional.empty() : Optional.of(entry.value());
  }

  @Override
  public V get(TenantId tenant, String key, Function<String, ? extends V> loader) {
    Objects.requireNonNull(loader, "loader");
    return cache
        .get(
            new Key(tenant, key),
            k -> new Entry<>(Objects.requireNonNull(loader.apply(k.key()), "loader returned null"), defaultTtl.toNanos()))
        .value();
  }

  @Override
  public void put(TenantId tenant, String key, V value) {
    put(tenant, key, value, defaultTtl);
  }

  @Override
  public void put(TenantId tenant, String key, V value, Duration ttl) {
    Objects.requireNonNull(value, "value");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive: " + ttl);
    }
    cache.put(new Key(tenant, key), new Entry<>(value, ttl.toNanos()));
  }

  @Override
  public void invalidate(TenantId tenant, String key) {
    cache.invalidate(new Key(tenant, key));
  }

  @Override
  public void invalidateAll(TenantId tenant) {
    Objects.requireNonNull(tenant, "tenant");
    cache.asMap().keySet().removeIf(k -> k.tenant().equals(tenant));
  }
}
