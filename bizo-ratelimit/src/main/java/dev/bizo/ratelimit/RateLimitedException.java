package dev.bizo.ratelimit;

import dev.bizo.core.RetriableException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A request refused by {@link RateLimiter}: code {@value #CODE}, retriable after {@link #retryAfter()}. The
 * reference server answers it 429 with {@code Retry-After} and the IETF rate-limit fields of its
 * {@link #decision()}.
 */
public final class RateLimitedException extends RetriableException {

  private static final long serialVersionUID = 1L;

  /** The stable code of a request over its limit. */
  public static final String CODE = "rate_limited";

  private final transient RateLimitDecision decision;

  /**
   * @param decision a refusal ({@link RateLimitDecision#allowed()} false)
   * @throws IllegalArgumentException if the decision allowed the request
   */
  public RateLimitedException(RateLimitDecision decision) {
    super(CODE, message(decision));
    this.decision = decision;
  }

  /** The refusal: which bucket, its quota and when it refills. */
  public RateLimitDecision decision() {
    return decision;
  }

  @Override
  public Optional<Duration> retryAfter() {
    return decision.retryAfter();
  }

  private static String message(RateLimitDecision decision) {
    Objects.requireNonNull(decision, "decision");
    if (decision.allowed()) {
      throw new IllegalArgumentException("Not a refusal: " + decision);
    }
    return "Too many requests: the " + decision.scope().policyName() + " limit of " + decision.quota()
        + " a minute is spent; retry after " + decision.retryAfterSeconds().orElseThrow() + " s";
  }
}
