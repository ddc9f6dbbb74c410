package dev.bizo.ratelimit.internal;

import dev.bizo.ratelimit.RateLimits;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;

/** What both stores share: the bucket shape and the time source. */
final class Buckets {

  private Buckets() {}

  /** {@code perMinute} tokens, refilled greedily (a token every 60/perMinute seconds) over {@link RateLimits#WINDOW}. */
  static Bandwidth perMinute(long perMinute) {
    return Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, RateLimits.WINDOW).build();
  }

  /** The configuration of a bucket of {@link #perMinute}, for Redis buckets. */
  static BucketConfiguration configuration(long perMinute) {
    return BucketConfiguration.builder().addLimit(perMinute(perMinute)).build();
  }

  /** Bucket4j's time source over a {@link Clock}, so tests can move time; wall-clock based, as Redis buckets need. */
  static TimeMeter timeMeter(Clock clock) {
    return new TimeMeter() {
      @Override
      public long currentTimeNanos() {
        return clock.millis() * 1_000_000L;
      }

      @Override
      public boolean isWallClockBased() {
        return true;
      }
    };
  }
}
