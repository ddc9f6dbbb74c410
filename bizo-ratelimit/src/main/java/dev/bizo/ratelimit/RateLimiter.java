package dev.bizo.ratelimit;

import dev.bizo.core.TenantId;
import dev.bizo.core.config.BizoConfig;
import dev.bizo.core.config.CoreSettings;
import dev.bizo.ratelimit.internal.BucketStore;
import dev.bizo.ratelimit.internal.LocalBucketStore;
import dev.bizo.ratelimit.internal.RedisBucketStore;
import io.github.bucket4j.ConsumptionProbe;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Token-bucket limits per credential and per tenant. Every {@link #acquire} takes a token from the
 * credential's bucket and then one from its tenant's; a request the credential's bucket refuses costs the
 * tenant nothing, and one the tenant's bucket refuses gets its credential token back.
 *
 * <p><b>Isolation.</b> A bucket's key names its tenant, and a credential's key names the credential as well, so
 * a credential that spends its budget never slows another credential, and a tenant that spends its budget
 * never slows another tenant. Callers give credentials ids that cannot collide across kinds, e.g. {@code
 * api-key:<key id>} and {@code user:<user id>}.
 *
 * <p><b>Local or shared.</b> {@link #local} keeps buckets in this process (bounded); {@link #redis} keeps them
 * in Redis through Bucket4j's Lettuce proxy manager, so replicas spend one budget; {@link #fromConfig} picks
 * Redis when {@code BIZO_REDIS_URL} is set, like bizo-core's caches and tenancy's login throttle. Thread-safe;
 * close it to release a Redis connection.
 */
public final class RateLimiter implements AutoCloseable {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RateLimiter.class);

  /** How many buckets a local limiter keeps at most; idle ones go first. */
  static final int MAX_LOCAL_BUCKETS = 100_000;

  private final BucketStore buckets;
  private final RateLimits limits;

  private RateLimiter(BucketStore buckets, RateLimits limits) {
    this.buckets = Objects.requireNonNull(buckets, "buckets");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /** Buckets in this process: right for a single node. */
  public static RateLimiter local(RateLimits limits, Clock clock) {
    return new RateLimiter(new LocalBucketStore(MAX_LOCAL_BUCKETS, Objects.requireNonNull(clock, "clock")), limits);
  }

  /**
   * Buckets shared by every node through the Redis at {@code redisUri}. Bucket time comes from {@code clock},
   * so replicas keep their clocks in sync (NTP), as token expiry already requires.
   */
  public static RateLimiter redis(URI redisUri, RateLimits limits, Clock clock) {
    return new RateLimiter(new RedisBucketStore(Objects.requireNonNull(redisUri, "redisUri"), Objects.requireNonNull(clock, "clock")), limits);
  }

  /** Limits from {@link RateLimitSettings}; Redis when {@code BIZO_REDIS_URL} is set, local buckets otherwise. */
  public static RateLimiter fromConfig(BizoConfig config, Clock clock) {
    RateLimits limits = RateLimits.fromConfig(config);
    Optional<URI> redis = config.find(CoreSettings.REDIS_URL);
    if (redis.isPresent()) {
      LOG.info("Rate limits {} a minute per credential, {} per tenant, shared through Redis",
          limits.credentialPerMinute(), limits.tenantPerMinute());
      return redis(redis.get(), limits, clock);
    }
    LOG.info("Rate limits {} a minute per credential, {} per tenant, local to this node; set BIZO_REDIS_URL to share them"
        + " across replicas", limits.credentialPerMinute(), limits.tenantPerMinute());
    return local(limits, clock);
  }

  /** The configured limits. */
  public RateLimits limits() {
    return limits;
  }

  /** Whether buckets are shared with other nodes through Redis. */
  public boolean isShared() {
    return buckets.isShared();
  }

  /**
   * Spends one request of {@code credential} in {@code tenant}.
   *
   * @param credential the credential's id, unique within the tenant across kinds, e.g. {@code api-key:<key id>}
   * @param ownLimitPerMinute the credential's own limit, if it has one; capped by {@link RateLimits#credentialPerMinute()}
   * @return the decision; when refused, nothing was spent
   * @throws dev.bizo.core.RetriableException {@code ratelimit.unavailable} when shared buckets cannot be reached
   */
  public RateLimitDecision acquire(TenantId tenant, String credential, OptionalInt ownLimitPerMinute) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(ownLimitPerMinute, "ownLimitPerMinute");
    if (credential == null || credential.isBlank()) {
      throw new IllegalArgumentException("A credential id is required");
    }
    int credentialLimit =
        ownLimitPerMinute.isPresent() ? limits.credentialLimit(ownLimitPerMinute.getAsInt()) : limits.credentialPerMinute();
    int tenantLimit = limits.tenantPerMinute();
    // The limit is part of the key: a bucket never outlives a change of its capacity.
    String credentialKey = keyPrefix(tenant) + "credential:" + credentialLimit + ":" + credential;
    String tenantKey = keyPrefix(tenant) + "tenant:" + tenantLimit;

    ConsumptionProbe byCredential = buckets.tryConsume(credentialKey, credentialLimit);
    if (!byCredential.isConsumed()) {
      return decision(RateLimitScope.CREDENTIAL, credentialLimit, byCredential);
    }
    ConsumptionProbe byTenant = buckets.tryConsume(tenantKey, tenantLimit);
    if (!byTenant.isConsumed()) {
      buckets.refund(credentialKey, credentialLimit);
      return decision(RateLimitScope.TENANT, tenantLimit, byTenant);
    }
    // Report the bucket the client is closer to exhausting.
    return fraction(byCredential, credentialLimit) <= fraction(byTenant, tenantLimit)
        ? decision(RateLimitScope.CREDENTIAL, credentialLimit, byCredential)
        : decision(RateLimitScope.TENANT, tenantLimit, byTenant);
  }

  /** {@code bizo:ratelimit:{<tenant>}:}; the hash tag keeps a tenant's buckets in one Redis Cluster slot, as for caches. */
  private static String keyPrefix(TenantId tenant) {
    return "bizo:ratelimit:{" + tenant.value() + "}:";
  }

  private static double fraction(ConsumptionProbe probe, long quota) {
    return (double) probe.getRemainingTokens() / quota;
  }

  private static RateLimitDecision decision(RateLimitScope scope, long quota, ConsumptionProbe probe) {
    Optional<Duration> retryAfter =
        probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    return new RateLimitDecision(
        scope, quota, Math.min(quota, Math.max(0, probe.getRemainingTokens())), Duration.ofNanos(probe.getNanosToWaitForReset()), retryAfter);
  }

  @Override
  public void close() {
    buckets.close();
  }

  @Override
  public String toString() {
    return "RateLimiter[" + limits + (isShared() ? ", redis" : ", local") + "]";
  }
}
