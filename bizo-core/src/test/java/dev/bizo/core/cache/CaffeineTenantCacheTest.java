package dev.bizo.core.cache;

import dev.bizo.testkit.MutableClock;
import java.time.Duration;

class CaffeineTenantCacheTest extends TenantCacheContract {

  private final MutableClock clock = MutableClock.startingAtNewYear();
  private final Caches caches = Caches.local(CacheOptions.defaults().withClock(clock));

  @Override
  protected Caches caches() {
    return caches;
  }

  @Override
  protected void letTimePass(Duration d) {
    clock.advance(d);
  }
}
