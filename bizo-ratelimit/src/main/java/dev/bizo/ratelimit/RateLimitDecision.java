package dev.bizo.ratelimit;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer of {@link RateLimiter#acquire}: whether the request may go on, and the state of the bucket that
 * matters to the client, the one that refused it or, when allowed, the one with fewer tokens left. Five
 * components and no builder: only the limiter makes decisions.
 *
 * <p>{@link #policyField()} and {@link #limitField()} render the fields of
 * <a href="https://datatracker.ietf.org/doc/draft-ietf-httpapi-ratelimit-headers/09/">draft-ietf-httpapi-ratelimit-headers-09</a>:
 * {@code RateLimit-Policy: "credential";q=6000;w=60} and {@code RateLimit: "credential";r=0;t=12}.
 *
 * @param scope the bucket reported on
 * @param quota the bucket's capacity: requests per {@link RateLimits#WINDOW}
 * @param remaining tokens left in it after this request
 * @param resetAfter how long until the bucket is full again
 * @param retryAfter when refused, how long until one token is back; empty when allowed
 */
public record RateLimitDecision(
    RateLimitScope scope, long quota, long remaining, Duration resetAfter, Optional<Duration> retryAfter) {

  /** The IETF field naming the policy, rendered by {@link #policyField()}. */
  public static final String POLICY_HEADER = "RateLimit-Policy";

  /** The IETF field with what is left, rendered by {@link #limitField()}. */
  public static final String LIMIT_HEADER = "RateLimit";

  public RateLimitDecision {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(resetAfter, "resetAfter");
    Objects.requireNonNull(retryAfter, "retryAfter");
    if (quota < 1 || remaining < 0 || remaining > quota || resetAfter.isNegative()) {
      throw new IllegalArgumentException(
          "Inconsistent decision: quota " + quota + ", remaining " + remaining + ", reset after " + resetAfter);
    }
    if (retryAfter.isPresent() && retryAfter.get().isNegative()) {
      throw new IllegalArgumentException("retryAfter is negative: " + retryAfter.get());
    }
  }

  /** Whether the request may go on. */
  public boolean allowed() {
    return retryAfter.isEmpty();
  }

  /** {@code Retry-After} in whole seconds, rounded up and at least 1, so a client never comes back too early. */
  public Optional<Long> retryAfterSeconds() {
    return retryAfter.map(RateLimitDecision::ceilSeconds).map(s -> Math.max(1, s));
  }

  /** The {@code RateLimit-Policy} field: {@code "<scope>";q=<quota>;w=<window seconds>}. */
  public String policyField() {
    return "\"" + scope.policyName() + "\";q=" + quota + ";w=" + RateLimits.WINDOW.toSeconds();
  }

  /** The {@code RateLimit} field: {@code "<scope>";r=<remaining>;t=<seconds until the quota is full again>}. */
  public String limitField() {
    return "\"" + scope.policyName() + "\";r=" + remaining + ";t=" + ceilSeconds(resetAfter);
  }

  private static long ceilSeconds(Duration d) {
    return (d.toMillis() + 999) / 1000;
  }
}
