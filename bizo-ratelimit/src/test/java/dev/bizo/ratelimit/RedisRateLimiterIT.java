package dev.bizo.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.core.TenantId;
import dev.bizo.core.config.BizoConfig;
import dev.bizo.testkit.MutableClock;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestRedis;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

@RealServices
class RedisRateLimiterIT {

  private final MutableClock clock = MutableClock.startingAtNewYear();
  private final TenantId acme = TenantId.generate();
  private final TenantId globex = TenantId.generate();

  @Test
  void two_nodes_on_one_redis_spend_one_credential_budget(TestRedis redis) {
    BizoConfig config = BizoConfig.of(Map.of(
        "bizo.redis.url", redis.uri().toString(), "bizo.api.rate-limit-per-minute", "4", "bizo.tenant.rate-limit-per-minute", "100"));
    try (RateLimiter nodeA = RateLimiter.fromConfig(config, clock); RateLimiter nodeB = RateLimiter.fromConfig(config, clock)) {
      assertThat(nodeA.isShared()).isTrue();

      assertThat(nodeA.acquire(acme, "api-key:a", OptionalInt.empty()).allowed()).isTrue();
      assertThat(nodeB.acquire(acme, "api-key:a", OptionalInt.empty()).allowed()).isTrue();
      assertThat(nodeA.acquire(acme, "api-key:a", OptionalInt.empty()).allowed()).isTrue();
      RateLimitDecision last = nodeB.acquire(acme, "api-key:a", OptionalInt.empty());
      assertThat(last.allowed()).isTrue();
      assertThat(last.remaining()).isZero();

      RateLimitDecision refused = nodeA.acquire(acme, "api-key:a", OptionalInt.empty());
      assertThat(refused.allowed()).isFalse();
      assertThat(refused.scope()).isEqualTo(RateLimitScope.CREDENTIAL);
      assertThat(refused.retryAfterSeconds()).contains(15L);

      // Another credential, and the same credential id in another tenant, still have their budgets.
      assertThat(nodeB.acquire(acme, "api-key:b", OptionalInt.empty()).allowed()).isTrue();
      assertThat(nodeB.acquire(globex, "api-key:a", OptionalInt.empty()).allowed()).isTrue();

      clock.advance(Duration.ofSeconds(15));
      assertThat(nodeB.acquire(acme, "api-key:a", OptionalInt.empty()).allowed()).isTrue();
      assertThat(nodeA.acquire(acme, "api-key:a", OptionalInt.empty()).allowed()).isFalse();
    }
  }

  @Test
  void two_nodes_on_one_redis_spend_one_tenant_budget_and_refund_the_credential(TestRedis redis) {
    RateLimits limits = new RateLimits(10, 3);
    try (RateLimiter nodeA = RateLimiter.redis(redis.uri(), limits, clock);
        RateLimiter nodeB = RateLimiter.redis(redis.uri(), limits, clock)) {
      nodeA.acquire(acme, "user:1", OptionalInt.empty());
      nodeB.acquire(acme, "user:2", OptionalInt.empty());
      nodeA.acquire(acme, "api-key:k", OptionalInt.of(2));

      RateLimitDecision refused = nodeB.acquire(acme, "api-key:k", OptionalInt.of(2));
      assertThat(refused.allowed()).isFalse();
      assertThat(refused.scope()).isEqualTo(RateLimitScope.TENANT);
      assertThat(nodeA.acquire(globex, "user:1", OptionalInt.empty()).allowed()).isTrue();

      // The tenant refused "k"'s second request, so "k" still has 1 of its 2 tokens once the tenant refills.
      clock.advance(Duration.ofMinutes(1));
      RateLimitDecision again = nodeA.acquire(acme, "api-key:k", OptionalInt.of(2));
      assertThat(again.allowed()).isTrue();
      assertThat(again.scope()).isEqualTo(RateLimitScope.CREDENTIAL);
      assertThat(again.remaining()).isEqualTo(1);
    }
  }
}
