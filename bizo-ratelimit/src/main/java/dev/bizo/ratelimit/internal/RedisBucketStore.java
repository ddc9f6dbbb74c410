package dev.bizo.ratelimit.internal;

import dev.bizo.core.ConfigurationException;
import dev.bizo.core.RetriableException;
import io.github.bucket4j.BucketExceptions;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Buckets in Redis through Bucket4j's Lettuce proxy manager (compare-and-swap), so every replica spends one
 * budget. A bucket's key expires once it would have refilled, plus a margin, so idle credentials leave nothing
 * behind. Connects to the Redis that bizo-core's caches and tenancy's login throttle use ({@code BIZO_REDIS_URL}),
 * on a connection of its own: Bucket4j stores bucket state as bytes, the others as text.
 */
public final class RedisBucketStore implements BucketStore {

  private static final Duration KEEP_AFTER_REFILL = Duration.ofSeconds(10);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

  private final RedisClient client;
  private final StatefulRedisConnection<String, byte[]> connection;
  private final ProxyManager<String> buckets;

  public RedisBucketStore(URI uri, Clock clock) {
    try {
      this.client = RedisClient.create(RedisURI.create(uri));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(ConfigurationException.CODE, "Bad Redis URL for rate limits", e);
    }
    try {
      this.connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
    } catch (RedisException e) {
      client.shutdown();
      throw new RetriableException("ratelimit.unavailable", "Cannot connect to Redis for rate limits", e);
    }
    this.buckets = Bucket4jLettuce.casBasedBuilder(connection)
        .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_REFILL))
        .clientClock(Buckets.timeMeter(clock))
        .requestTimeout(REQUEST_TIMEOUT)
        .build();
  }

  @Override
  public ConsumptionProbe tryConsume(String key, long perMinute) {
    return call(() -> buckets.builder().build(key, () -> Buckets.configuration(perMinute)).tryConsumeAndReturnRemaining(1));
  }

  @Override
  public void refund(String key, long perMinute) {
    call(() -> {
      buckets.builder().build(key, () -> Buckets.configuration(perMinute)).addTokens(1);
      return null;
    });
  }

  /** A Redis that fails answers 503 ratelimit.unavailable, as the login throttle does, rather than letting every request through. */
  private static <T> T call(Supplier<T> command) {
    try {
      return command.get();
    } catch (RedisException | BucketExceptions.BucketExecutionException e) {
      throw new RetriableException("ratelimit.unavailable", "Redis failed for rate limits: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean isShared() {
    return true;
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown();
  }
}
