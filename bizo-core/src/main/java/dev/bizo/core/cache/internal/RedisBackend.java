package dev.bizo.core.cache.internal;

import dev.bizo.core.ConfigurationException;
import dev.bizo.core.RetriableException;
import dev.bizo.core.TenantId;
import dev.bizo.core.cache.CacheCodec;
import dev.bizo.core.cache.CacheOptions;
import dev.bizo.core.cache.TenantCache;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One Lettuce connection shared by every cache (Lettuce connections are thread-safe). Keys look like
 * {@code bizo:<cache>:{<tenant>}:<key>}; the hash tag keeps a tenant's keys in one Redis Cluster slot.
 */
public final class RedisBackend implements AutoCloseable {

  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;

  private RedisBackend(RedisClient client, StatefulRedisConnection<String, String> connection) {
    this.client = client;
    this.connection = connection;
  }

  public static RedisBackend connect(URI uri) {
    RedisClient client;
    try {
      client = RedisClient.create(RedisURI.create(uri));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("configuration_invalid", "Bad Redis URL " + redact(uri), e);
    }
    try {
      return new RedisBackend(client, client.connect());
    } catch (RedisException e) {
      client.shutdown();
      throw new RetriableException("cache.unavailable", "Cannot connect to Redis at " + redact(uri), e);
    }
  }

  /** The URI without its password, for logs. */
  public static String redact(URI uri) {
    return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort() + Objects.toString(uri.getPath(), "");
  }

  public <V> TenantCache<V> cache(String name, CacheCodec<V> codec, CacheOptions options) {
    return new RedisTenantCache<>(name, codec, options.defaultTtl());
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown();
  }

  private <T> T call(Supplier<T> command) {
    try {
      return command.get();
    } catch (RedisException e) {
      throw new RetriableException("cache.unavailable", "Redis command failed: " + e.getMessage(), e);
    }
  }

  private final class RedisTenantCache<V> implements TenantCache<V> {
    private final String name;
    private final CacheCodec<V> codec;
    private final Duration defaultTtl;

    RedisTenantCache(String name, CacheCodec<V> codec, Duration defaultTtl) {
      this.name = name;
      this.codec = codec;
      this.defaultTtl = defaultTtl;
    }

    private String tenantPrefix(TenantId tenant) {
      Objects.requireNonNull(tenant, "tenant");
      return "bizo:" + name + ":{" + tenant.value() + "}:";
    }

    private String redisKey(TenantId tenant, String key) {
      return tenantPrefix(tenant) + Objects.requireNonNull(key, "key");
    }

    private RedisCommands<String, String> commands() {
      return connection.sync();
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Optional<V> get(TenantId tenant, String key) {
      String value = call(() -> commands().get(redisKey(tenant, key)));
      return value == null ? Optional.empty() : Optional.of(codec.decode(value));
    }

    @Override
    public V get(TenantId tenant, String key, Function<String, ? extends V> loader) {
      Optional<V> cached = get(tenant, key);
      if (cached.isPresent()) {
        return cached.get();
      }
      V loaded = Objects.requireNonNull(loader.apply(key), "loader returned null");
      put(tenant, key, loaded);
      return loaded;
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
      String encoded = codec.encode(value);
      call(() -> commands().set(redisKey(tenant, key), encoded, SetArgs.Builder.px(ttl.toMillis())));
    }

    @Override
    public void invalidate(TenantId tenant, String key) {
      call(() -> commands().del(redisKey(tenant, key)));
    }

    @Override
    public void invalidateAll(TenantId tenant) {
      // Cache names and UUIDs hold no glob characters; only the literal braces need escaping.
      String pattern = tenantPrefix(tenant).replace("{", "\\{").replace("}", "\\}") + "*";
      ScanArgs args = ScanArgs.Builder.matches(pattern).limit(500);
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        ScanCursor from = cursor;
        KeyScanCursor<String> page = call(() -> commands().scan(from, args));
        if (!page.getKeys().isEmpty()) {
          call(() -> commands().unlink(page.getKeys().toArray(String[]::new)));
        }
        cursor = page;
      } while (!cursor.isFinished());
    }
  }
}
