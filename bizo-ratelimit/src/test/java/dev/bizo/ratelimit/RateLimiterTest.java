package dev.bizo.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.ConfigurationException;
import dev.bizo.core.TenantId;
import dev.bizo.core.config.BizoConfig;
import dev.bizo.testkit.MutableClock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  private final MutableClock clock = MutableClock.startingAtNewYear();
  private final TenantId acme = TenantId.generate();
  private final TenantId globex = TenantId.generate();

  @Test
  void refuses_a_credential_past_its_limit_with_the_policy_and_when_to_come_back() {
    try (RateLimiter limiter = RateLimiter.local(new RateLimits(3, 100), clock)) {
      for (int i = 0; i < 3; i++) {
        assertThat(limiter.acquire(acme, "api-key:a", OptionalInt.empty()).allowed()).isTrue();
      }
      RateLimitDecision refused = limiter.acquire(acme, "api-key:a", OptionalInt.empty());

      assertThat(refused.allowed()).isFalse();
      assertThat(refused.scope()).isEqualTo(RateLimitScope.CREDENTIAL);
      // 3 a minute refill one token every 20 s; the bucket is full again after 60 s.
      assertThat(refused.retryAfterSeconds()).contains(20L);
      assertThat(refused.policyField()).isEqualTo("\"credential\";q=3;w=60");
      assertThat(refused.limitField()).isEqualTo("\"credential\";r=0;t=60");
    }
  }

  @Test
  void a_credential_over_its_limit_never_slows_another_credential_of_the_same_tenant() {
    try (RateLimiter limiter = RateLimiter.local(new RateLimits(2, 100), clock)) {
      limiter.acquire(acme, "api-key:a", OptionalInt.empty());
      limiter.acquire(acme, "api-key:a", OptionalInt.empty());
      assertThat(limiter.acquire(acme, "api-key:a", OptionalInt.empty()).allowed()).isFalse();

      assertThat(limiter.acquire(acme, "api-key:b", OptionalInt.empty()).allowed()).isTrue();
      assertThat(limiter.acquire(acme, "user:a", OptionalInt.empty()).allowed()).isTrue();
    }
  }

  @Test
  void a_tenant_over_its_limit_never_slows_another_tenant() {
    try (RateLimiter limiter = RateLimiter.local(new RateLimits(100, 2), clock)) {
      limiter.acquire(acme, "api-key:a", OptionalInt.empty());
      limiter.acquire(acme, "api-key:b", OptionalInt.empty());
      RateLimitDecision refused = limiter.acquire(acme, "api-key:c", OptionalInt.empty());
      assertThat(refused.allowed()).isFalse();
      assertThat(refused.scope()).isEqualTo(RateLimitScope.TENANT);
      assertThat(refused.policyField()).isEqualTo("\"tenant\";q=2;w=60");

      // The same credential id in another tenant is another credential, in another tenant's bucket.
      assertThat(limiter.acquire(globex, "api-key:a", OptionalInt.empty()).allowed()).isTrue();
      assertThat(limiter.acquire(globex, "api-key:c", OptionalInt.empty()).allowed()).isTrue();
    }
  }

  @Test
  void a_request_the_tenant_refuses_gives_its_credential_token_back() {
    try (RateLimiter limiter = RateLimiter.local(new RateLimits(2, 2), clock)) {
      limiter.acquire(acme, "api-key:a", OptionalInt.empty());
      limiter.acquire(acme, "api-key:b", OptionalInt.empty());
      assertThat(limiter.acquire(acme, "api-key:c", OptionalInt.empty()).scope()).isEqualTo(RateLimitScope.TENANT);
      assertThat(limiter.acquire(acme, "api-key:c", OptionalInt.empty()).allowed()).isFalse();

      // Refilled after a minute, "c" has its full budget: the refused requests were not charged to it.
      clock.advance(Duration.ofMinutes(1));
      RateLimitDecision first = limiter.acquire(acme, "api-key:c", OptionalInt.empty());
      assertThat(first.allowed()).isTrue();
      assertThat(first.remaining()).isEqualTo(1);
    }
  }

  @Test
  void a_credential_limit_of_its_own_narrows_the_server_wide_one_and_never_widens_it() {
    try (RateLimiter limiter = RateLimiter.local(new RateLimits(3, 100), clock)) {
      assertThat(limiter.acquire(acme, "api-key:small", OptionalInt.of(1)).allowed()).isTrue();
      RateLimitDecision refused = limiter.acquire(acme, "api-key:small", OptionalInt.of(1));
      assertThat(refused.allowed()).isFalse();
      assertThat(refused.quota()).isEqualTo(1);

      for (int i = 0; i < 3; i++) {
        assertThat(limiter.acquire(acme, "api-key:big", OptionalInt.of(1_000)).allowed()).isTrue();
      }
      assertThat(limiter.acquire(acme, "api-key:big", OptionalInt.of(1_000)).quota()).isEqualTo(3);
      assertThatThrownBy(() -> limiter.acquire(acme, "api-key:zero", OptionalInt.of(0)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void tokens_come_back_at_the_limit_pace() {
    try (RateLimiter limiter = RateLimiter.local(new RateLimits(60, 1_000), clock)) {
      for (int i = 0; i < 60; i++) {
        limiter.acquire(acme, "user:u", OptionalInt.empty());
      }
      assertThat(limiter.acquire(acme, "user:u", OptionalInt.empty()).allowed()).isFalse();
      clock.advance(Duration.ofSeconds(1));
      assertThat(limiter.acquire(acme, "user:u", OptionalInt.empty()).allowed()).isTrue();
      assertThat(limiter.acquire(acme, "user:u", OptionalInt.empty()).allowed()).isFalse();
    }
  }

  @Test
  void an_allowed_request_reports_the_bucket_closer_to_empty() {
    try (RateLimiter limiter = RateLimiter.local(new RateLimits(100, 10), clock)) {
      RateLimitDecision allowed = limiter.acquire(acme, "api-key:a", OptionalInt.empty());
      assertThat(allowed.scope()).isEqualTo(RateLimitScope.TENANT);
      assertThat(allowed.remaining()).isEqualTo(9);
      assertThat(allowed.retryAfter()).isEmpty();
      assertThat(allowed.limitField()).isEqualTo("\"tenant\";r=9;t=6");
    }
  }

  @Test
  void reads_its_limits_from_configuration_and_refuses_a_limit_below_one() {
    BizoConfig config = BizoConfig.of(Map.of("bizo.api.rate-limit-per-minute", "120", "bizo.tenant.rate-limit-per-minute", "600"));
    try (RateLimiter limiter = RateLimiter.fromConfig(config, clock)) {
      assertThat(limiter.isShared()).isFalse();
      assertThat(limiter.limits()).isEqualTo(new RateLimits(120, 600));
    }
    assertThat(RateLimits.fromConfig(BizoConfig.of(Map.of()))).isEqualTo(new RateLimits(6_000, 30_000)).isEqualTo(RateLimits.defaults());
    assertThatThrownBy(() -> RateLimits.fromConfig(BizoConfig.of(Map.of("bizo.api.rate-limit-per-minute", "0"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("BIZO_API_RATE_LIMIT_PER_MINUTE");
  }

  @Test
  void a_refusal_becomes_a_retriable_exception_with_a_stable_code() {
    RateLimitDecision refused =
        new RateLimitDecision(RateLimitScope.CREDENTIAL, 5, 0, Duration.ofSeconds(60), Optional.of(Duration.ofMillis(11_200)));
    RateLimitedException e = new RateLimitedException(refused);
    assertThat(e.code()).isEqualTo("rate_limited");
    assertThat(e.isRetriable()).isTrue();
    assertThat(e.retryAfter()).contains(Duration.ofMillis(11_200));
    assertThat(refused.retryAfterSeconds()).contains(12L);
    assertThatThrownBy(() -> new RateLimitedException(
        new RateLimitDecision(RateLimitScope.CREDENTIAL, 5, 4, Duration.ofSeconds(12), Optional.empty())))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
