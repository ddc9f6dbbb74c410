package dev.bizo.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.core.config.BizoConfig;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestRedis;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@RealServices
class RedisTenantCacheIT extends TenantCacheContract {

  private Caches caches;
  private TestRedis redis;

  @BeforeEach
  void connect(TestRedis redis) {
    this.redis = redis;
    this.caches = Caches.fromConfig(BizoConfig.of(Map.of("bizo.redis.url", redis.uri().toString())));
  }

  @AfterEach
  void close() {
    caches.close();
  }

  @Override
  protected Caches caches() {
    return caches;
  }

  @Override
  protected void letTimePass(Duration d) throws InterruptedException {
    Thread.sleep(d.toMillis()); // Redis expires on its own clock
  }

  @Test
  void configuration_with_a_redis_url_selects_the_shared_backend() {
    assertThat(caches.isShared()).isTrue();
    assertThat(Caches.fromConfig(BizoConfig.of(Map.of())).isShared()).isFalse();
  }

  @Test
  void two_cache_instances_on_one_redis_share_entries_like_two_replicas() {
    try (Caches replica = Caches.redis(redis.uri(), CacheOptions.defaults())) {
      caches.cache("shared", CacheCodec.text()).put(acme, "k", "from-replica-1");
      assertThat(replica.cache("shared", CacheCodec.text()).get(acme, "k")).contains("from-replica-1");
      assertThat(replica.cache("shared", CacheCodec.text()).get(globex, "k")).isEmpty();
    }
  }
}
