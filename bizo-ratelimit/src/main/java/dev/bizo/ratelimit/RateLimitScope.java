package dev.bizo.ratelimit;

/** Which bucket a {@link RateLimitDecision} reports on. */
public enum RateLimitScope {
  /** The bucket of one credential: an API key or a user. */
  CREDENTIAL,
  /** The bucket all credentials of one tenant share. */
  TENANT;

  /** The policy's name in the IETF {@code RateLimit-Policy} and {@code RateLimit} fields. */
  public String policyName() {
    return switch (this) {
      case CREDENTIAL -> "credential";
      case TENANT -> "tenant";
    };
  }
}
