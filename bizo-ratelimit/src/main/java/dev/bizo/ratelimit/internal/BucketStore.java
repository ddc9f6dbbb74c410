package dev.bizo.ratelimit.internal;

import io.github.bucket4j.ConsumptionProbe;

/** Token buckets by key, each holding {@code perMinute} tokens that refill evenly over a minute. */
public interface BucketStore extends AutoCloseable {

  /** Takes one token from the bucket {@code key}, created full with {@code perMinute} tokens if missing. */
  ConsumptionProbe tryConsume(String key, long perMinute);

  /** Gives back one token taken from {@code key} for a request that another bucket then refused. */
  void refund(String key, long perMinute);

  /** Whether the buckets are shared with other processes. */
  boolean isShared();

  @Override
  void close();
}
