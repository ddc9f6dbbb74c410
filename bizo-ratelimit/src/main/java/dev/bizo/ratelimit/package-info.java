/**
 * Token-bucket request limits per credential and per tenant, built on Bucket4j.
 *
 * <p>{@link dev.bizo.ratelimit.RateLimiter} takes one token from the caller's credential bucket and one from
 * its tenant's bucket for every request, and answers a {@link dev.bizo.ratelimit.RateLimitDecision} that
 * carries what the IETF {@code RateLimit-Policy} and {@code RateLimit} fields need. Buckets live in process
 * (bounded by Caffeine) or, when {@code BIZO_REDIS_URL} is set, in Redis through Bucket4j's Lettuce proxy
 * manager, so every replica spends one budget. Limits come from {@link dev.bizo.ratelimit.RateLimitSettings}.
 *
 * <pre>{@code
 * try (RateLimiter limiter = RateLimiter.fromConfig(BizoConfig.fromEnvironment(), Clock.systemUTC())) {
 *   RateLimitDecision decision = limiter.acquire(tenant, "api-key:" + keyId, OptionalInt.empty());
 *   if (!decision.allowed()) {
 *     // 429 with Retry-After: decision.retryAfter(), RateLimit-Policy: decision.policyField(), ...
 *   }
 * }
 * }</pre>
 */
package dev.bizo.ratelimit;
