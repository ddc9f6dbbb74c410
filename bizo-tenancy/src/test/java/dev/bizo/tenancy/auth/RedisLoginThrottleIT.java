package dev.bizo.tenancy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.core.config.BizoConfig;
import dev.bizo.testkit.MutableClock;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestRedis;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

@RealServices
class RedisLoginThrottleIT {

  private final MutableClock clock = MutableClock.startingAtNewYear();
  private final ThrottleSettings settings = new ThrottleSettings(3, 100, Duration.ofMinutes(15));

  @Test
  void locks_an_account_for_every_node_when_failures_are_spread_across_nodes(TestRedis redis) {
    BizoConfig config = BizoConfig.of(Map.of("bizo.redis.url", redis.uri().toString()));
    try (LoginThrottle nodeA = LoginThrottle.fromConfig(config, settings, clock);
        LoginThrottle nodeB = LoginThrottle.fromConfig(config, settings, clock)) {
      assertThat(nodeA.isShared()).isTrue();

      nodeA.recordFailure("acme", "ann@acme.test", "192.0.2.1");
      nodeB.recordFailure("acme", "ann@acme.test", "192.0.2.2");
      assertThat(nodeA.isAccountLocked("acme", "ann@acme.test")).isFalse();
      nodeA.recordFailure("acme", "ann@acme.test", "192.0.2.3");

      assertThat(nodeB.isAccountLocked("acme", "ann@acme.test")).isTrue();
      nodeB.recordSuccess("acme", "ann@acme.test");
      assertThat(nodeA.isAccountLocked("acme", "ann@acme.test")).isFalse();
    }
  }

  @Test
  void stays_local_without_a_redis_url() {
    try (LoginThrottle local = LoginThrottle.fromConfig(BizoConfig.of(Map.of()), settings, clock)) {
      assertThat(local.isShared()).isFalse();
    }
  }
}
