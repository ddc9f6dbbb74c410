package dev.bizo.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.core.TenantId;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What every {@link TenantCache} backend must do; Caffeine and Redis each run it. */
abstract class TenantCacheContract {

  protected final TenantId acme = TenantId.generate();
  protected final TenantId globex = TenantId.generate();

  protected abstract Caches caches();

  /** Lets the backend's own clock pass {@code d}; local caches move an injected clock. */
  protected abstract void letTimePass(Duration d) throws Exception;

  private TenantCache<String> cache() {
    return caches().cache("contract", CacheCodec.text());
  }

  @Test
  void the_same_key_in_two_tenants_holds_two_values() {
    TenantCache<String> cache = cache();
    cache.put(acme, "plan", "gold");
    cache.put(globex, "plan", "free");
    assertThat(cache.get(acme, "plan")).contains("gold");
    assertThat(cache.get(globex, "plan")).contains("free");
  }

  @Test
  void one_tenants_entry_never_answers_anothers_lookup() {
    TenantCache<String> cache = cache();
    cache.put(acme, "secret", "acme-only");
    assertThat(cache.get(globex, "secret")).isEmpty();
    AtomicInteger loads = new AtomicInteger();
    assertThat(cache.get(globex, "secret", k -> "loaded-for-globex-" + loads.incrementAndGet())).isEqualTo("loaded-for-globex-1");
    assertThat(cache.get(acme, "secret")).contains("acme-only");
  }

  @Test
  void loads_once_then_serves_from_cache() {
    TenantCache<String> cache = cache();
    AtomicInteger loads = new AtomicInteger();
    assertThat(cache.get(acme, "k", k -> k + loads.incrementAndGet())).isEqualTo("k1");
    assertThat(cache.get(acme, "k", k -> k + loads.incrementAndGet())).isEqualTo("k1");
    assertThat(loads).hasValue(1);
  }

  @Test
  void invalidating_a_tenant_leaves_other_tenants_alone() {
    TenantCache<String> cache = cache();
    TenantCache<String> other = caches().cache("other", CacheCodec.text());
    for (int i = 0; i < 20; i++) {
      cache.put(acme, "k" + i, "a");
      cache.put(globex, "k" + i, "g");
    }
    other.put(acme, "k0", "other-cache");
    cache.invalidateAll(acme);
    assertThat(cache.get(acme, "k7")).isEmpty();
    assertThat(cache.get(globex, "k7")).contains("g");
    assertThat(other.get(acme, "k0")).as("another cache's entries survive").contains("other-cache");
    cache.invalidate(globex, "k7");
    assertThat(cache.get(globex, "k7")).isEmpty();
    assertThat(cache.get(globex, "k8")).contains("g");
  }

  @Test
  void entries_expire_after_their_ttl() throws Exception {
    TenantCache<String> cache = cache();
    cache.put(acme, "short", "v", Duration.ofMillis(200));
    cache.put(acme, "long", "v", Duration.ofHours(1));
    assertThat(cache.get(acme, "short")).contains("v");
    letTimePass(Duration.ofMillis(400));
    assertThat(cache.get(acme, "short")).isEmpty();
    assertThat(cache.get(acme, "long")).contains("v");
  }
}
