package dev.bizo.tenancy.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.tenancy.auth.internal.RedisAttemptCounter;
import dev.bizo.tenancy.auth.spi.AttemptCounter;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestRedis;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@RealServices
class RedisAttemptCounterIT extends AttemptCounterContract {

  private final List<RedisAttemptCounter> opened = new ArrayList<>();
  private TestRedis redis;
  private String prefix;

  @BeforeEach
  void connect(TestRedis testRedis) {
    this.redis = testRedis;
    this.prefix = "t" + System.nanoTime() + ":";
  }

  @AfterEach
  void close() {
    opened.forEach(RedisAttemptCounter::close);
  }

  @Override
  protected AttemptCounter counter() {
    RedisAttemptCounter counter = new RedisAttemptCounter(redis.uri(), WINDOW, clock);
    opened.add(counter);
    // Every test gets keys of its own on the shared database.
    return new AttemptCounter() {
      @Override
      public int record(String key) {
        return counter.record(prefix + key);
      }

      @Override
      public int count(String key) {
        return counter.count(prefix + key);
      }

      @Override
      public void reset(String key) {
        counter.reset(prefix + key);
      }
    };
  }

  @Test
  void shares_counts_between_nodes() {
    AttemptCounter nodeA = counter();
    AttemptCounter nodeB = counter();

    nodeA.record("acct");
    nodeB.record("acct");

    assertThat(nodeA.count("acct")).isEqualTo(2);
    nodeB.reset("acct");
    assertThat(nodeA.count("acct")).isZero();
  }
}
