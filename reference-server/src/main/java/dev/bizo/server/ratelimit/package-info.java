/**
 * Request limits per credential and per tenant, with bizo-ratelimit's token buckets.
 * {@link dev.bizo.server.ratelimit.RateLimitFilter} runs right after authentication on every request that carries
 * a verified credential, and answers 429 {@code rate_limited} past a limit; endpoints without a credential
 * (health, metrics, OpenAPI, JWKS, login, which has its own throttle) are never limited.
 * {@link dev.bizo.server.ratelimit.RateLimitWiring} builds the limiter from {@code BIZO_*_RATE_LIMIT_PER_MINUTE}
 * and {@code BIZO_REDIS_URL}.
 */
package dev.bizo.server.ratelimit;
