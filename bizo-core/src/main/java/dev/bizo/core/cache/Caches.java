package dev.bizo.core.cache;

import dev.bizo.core.cache.internal.CaffeineTenantCache;
import dev.bizo.core.cache.internal.RedisBackend;
import dev.bizo.core.config.BizoConfig;
import dev.bizo.core.config.CoreSettings;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Creates {@link TenantCache}s on one backend: local Caffeine caches, or one shared Redis connection
 * when a Redis URL is configured. Close it to release the Redis connection.
 *
 * <pre>{@code
 * try (Caches caches = Caches.fromConfig(BizoConfig.fromEnvironment())) {
 *   TenantCache<String> names = caches.cache("tenant-names", CacheCodec.text());
 *   names.put(tenant, "display", "Acme");
 * }
 * }</pre>
 */
public final class Caches implements AutoCloseable {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Caches.class);

  private final CacheOptions options;
  private final RedisBackend redis; // null for local caches

  private Caches(CacheOptions options, RedisBackend redis) {
    this.options = Objects.requireNonNull(options, "options");
    this.redis = redis;
  }

  /** Local, in-process Caffeine caches. */
  public static Caches local(CacheOptions options) {
    return new Caches(options, null);
  }

  /** Caches shared through the Redis at {@code redisUri}, e.g. {@code redis://host:6379/0}. */
  public static Caches redis(URI redisUri, CacheOptions options) {
    return new Caches(options, RedisBackend.connect(redisUri));
  }

  /** Redis when {@code BIZO_REDIS_URL} is set, local caches otherwise; TTL and size from configuration. */
  public static Caches fromConfig(BizoConfig config) {
    CacheOptions options =
        CacheOptions.defaults()
            .withDefaultTtl(config.require(CoreSettings.CACHE_TTL))
            .withMaxEntries(config.require(CoreSettings.CACHE_MAX_ENTRIES));
    Optional<URI> redisUri = config.find(CoreSettings.REDIS_URL);
    if (redisUri.isPresent()) {
      LOG.info("Caches: shared Redis at {}", RedisBackend.redact(redisUri.get()));
      return redis(redisUri.get(), options);
    }
    LOG.info("Caches: local (Caffeine); set BIZO_REDIS_URL to share them across replicas");
    return local(options);
  }

  /** Whether entries are shared through Redis. */
  public boolean isShared() {
    return redis != null;
  }

  /**
   * A cache with the given name on this backend.
   *
   * @param name a short, unique name such as {@code lead-scores}
   * @param codec how values are stored in Redis; unused by local caches
   */
  public <V> TenantCache<V> cache(String name, CacheCodec<V> codec) {
    Objects.requireNonNull(codec, "codec");
    if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
      throw new IllegalArgumentException("Cache names are lower-case words joined by '-': " + name);
    }
    return redis != null ? redis.cache(name, codec, options) : new CaffeineTenantCache<>(name, options);
  }

  @Override
  public void close() {
    if (redis != null) {
      redis.close();
    }
  }
}
