package dev.bizo.ratelimit.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bizo.ratelimit.RateLimits;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;

/**
 * Buckets in this process, bounded by Caffeine. A bucket untouched for a whole window has refilled, so
 * dropping it then (or when the bound evicts it) forgets nothing a fresh bucket would not know.
 */
public final class LocalBucketStore implements BucketStore {

  private final Cache<String, Bucket> buckets;
  private final TimeMeter time;

  public LocalBucketStore(int maxBuckets, Clock clock) {
    this.buckets = Caffeine.newBuilder().maximumSize(maxBuckets).expireAfterAccess(RateLimits.WINDOW).build();
    this.time = Buckets.timeMeter(clock);
  }

  @Override
  public ConsumptionProbe tryConsume(String key, long perMinute) {
    return bucket(key, perMinute).tryConsumeAndReturnRemaining(1);
  }

  @Override
  public void refund(String key, long perMinute) {
    bucket(key, perMinute).addTokens(1);
  }

  private Bucket bucket(String key, long perMinute) {
    return buckets.get(key, k -> Bucket.builder().withCustomTimePrecision(time).addLimit(Buckets.perMinute(perMinute)).build());
  }

  @Override
  public boolean isShared() {
    return false;
  }

  @Override
  public void close() {
    buckets.invalidateAll();
  }
}
