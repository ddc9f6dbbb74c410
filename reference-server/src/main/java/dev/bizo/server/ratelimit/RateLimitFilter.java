package dev.bizo.server.ratelimit;

import dev.bizo.ratelimit.RateLimitDecision;
import dev.bizo.ratelimit.RateLimitedException;
import dev.bizo.ratelimit.RateLimiter;
import dev.bizo.server.auth.BearerAuthentication;
import dev.bizo.server.auth.Caller;
import dev.bizo.tenancy.auth.AuthPrincipal;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;

/**
 * Spends one request of the caller's credential and tenant on every request that carries a verified
 * credential, right after {@link BearerAuthentication} (which it needs) and before authorization and the
 * resource. Past a limit the request fails with {@link RateLimitedException}: 429 {@code rate_limited} with
 * {@code Retry-After}. Every limited response, refused or not, carries the IETF fields {@code RateLimit-Policy}
 * and {@code RateLimit} (draft-ietf-httpapi-ratelimit-headers-09), so clients can pace themselves before
 * they are refused.
 *
 * <p>An API key created with a {@code rateLimitPerMinute} of its own is held to it, capped by {@code
 * BIZO_API_RATE_LIMIT_PER_MINUTE}.
 *
 * <p>Endpoints without a credential are never limited: health and metrics (management port), OpenAPI, JWKS and
 * login ({@code @Public}; login has tenancy's own throttle).
 */
@Provider
@Priority(Priorities.AUTHENTICATION + 1)
public class RateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {

  private static final String DECISION = RateLimitFilter.class.getName() + ".decision";

  @Inject Caller caller;
  @Inject RateLimiter limiter;

  @Override
  public void filter(ContainerRequestContext request) {
    Optional<AuthPrincipal> principal = caller.verified();
    if (principal.isEmpty()) {
      return;
    }
    AuthPrincipal p = principal.get();
    RateLimitDecision decision = limiter.acquire(p.tenant(), credentialId(p), p.rateLimitPerMinute());
    request.setProperty(DECISION, decision);
    if (!decision.allowed()) {
      throw new RateLimitedException(decision);
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getProperty(DECISION) instanceof RateLimitDecision decision) {
      fields(decision, response);
    }
  }

  private static void fields(RateLimitDecision decision, ContainerResponseContext response) {
    response.getHeaders().putSingle(RateLimitDecision.POLICY_HEADER, decision.policyField());
    response.getHeaders().putSingle(RateLimitDecision.LIMIT_HEADER, decision.limitField());
  }

  /** Ids that cannot collide across kinds: a user id and an API key id live in different name spaces. */
  static String credentialId(AuthPrincipal principal) {
    return switch (principal.kind()) {
      case USER -> "user:" + principal.subject();
      case API_KEY -> "api-key:" + principal.subject();
    };
  }

}
