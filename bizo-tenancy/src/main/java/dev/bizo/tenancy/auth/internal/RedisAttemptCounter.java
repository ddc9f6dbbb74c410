package dev.bizo.tenancy.auth.internal;

import dev.bizo.core.ConfigurationException;
import dev.bizo.core.RetriableException;
import dev.bizo.tenancy.auth.spi.AttemptCounter;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Sliding-window log in a Redis sorted set per key, updated by one Lua script so concurrent nodes
 * never race. Scores come from the injected clock, so all replicas must keep their clocks in sync
 * (NTP), as JWT expiry already requires.
 */
public final class RedisAttemptCounter implements AttemptCounter, AutoCloseable {

  private static final String SCRIPT =
      "redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2])) "
          + "if ARGV[3] == '1' then "
          + "  redis.call('ZADD', KEYS[1], tonumber(ARGV[1]), ARGV[4]) "
          + "  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2])) "
          + "end "
          + "return redis.call('ZCARD', KEYS[1])";

  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private final Duration window;
  private final Clock clock;

  public RedisAttemptCounter(URI uri, Duration window, Clock clock) {
    this.window = Objects.requireNonNull(window, "window");
    this.clock = Objects.requireNonNull(clock, "clock");
    try {
      this.client = RedisClient.create(RedisURI.create(uri));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("configuration_invalid", "Bad Redis URL for login throttling", e);
    }
    try {
      this.connection = client.connect();
    } catch (RedisException e) {
      client.shutdown();
      throw new RetriableException("auth.throttle_unavailable", "Cannot connect to Redis for login throttling", e);
    }
  }

  @Override
  public int record(String key) {
    long now = clock.millis();
    return run(key, now, true, now + ":" + OpaqueTokens.randomHex(8));
  }

  @Override
  public int count(String key) {
    return run(key, clock.millis(), false, "");
  }

  @Override
  public void reset(String key) {
    call(() -> connection.sync().del(redisKey(key)));
  }

  private int run(String key, long now, boolean add, String member) {
    Long count = call(() -> connection.sync().eval(SCRIPT, ScriptOutputType.INTEGER, new String[] {redisKey(key)},
        Long.toString(now), Long.toString(window.toMillis()), add ? "1" : "0", member));
    return Math.toIntExact(count);
  }

  private static String redisKey(String key) {
    return "bizo:auth:attempts:" + key;
  }

  private <T> T call(Supplier<T> command) {
    try {
      return command.get();
    } catch (RedisException e) {
      throw new RetriableException("auth.throttle_unavailable", "Redis command for login throttling failed", e);
    }
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown();
  }
}
