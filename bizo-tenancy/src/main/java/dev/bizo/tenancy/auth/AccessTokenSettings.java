package dev.bizo.tenancy.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * How access tokens are issued and checked.
 *
 * @param issuer the {@code iss} claim written and required, e.g. {@code https://bizo.example.com}
 * @param lifetime how long a token is valid; positive and at most {@link #MAX_LIFETIME}
 * @param clockSkew tolerance for clocks that disagree when checking {@code exp} and {@code iat}; 0 to
 *     2 minutes
 */
public record AccessTokenSettings(String issuer, Duration lifetime, Duration clockSkew) {

  /** Access tokens cannot be revoked, so they must be short-lived: never more than 15 minutes. */
  public static final Duration MAX_LIFETIME = Duration.ofMinutes(15);

  public AccessTokenSettings {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(lifetime, "lifetime");
    Objects.requireNonNull(clockSkew, "clockSkew");
    if (issuer.isBlank()) {
      throw new IllegalArgumentException("issuer must not be blank");
    }
    if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_LIFETIME) > 0) {
      throw new IllegalArgumentException("Access token lifetime must be positive and at most " + MAX_LIFETIME + ": " + lifetime);
    }
    if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(2)) > 0) {
      throw new IllegalArgumentException("clockSkew must be 0..2 minutes: " + clockSkew);
    }
  }

  /** Ten-minute tokens with 30 seconds of clock skew. */
  public static AccessTokenSettings of(String issuer) {
    return new AccessTokenSettings(issuer, Duration.ofMinutes(10), Duration.ofSeconds(30));
  }

  /** The same settings with another lifetime. */
  public AccessTokenSettings withLifetime(Duration newLifetime) {
    return new AccessTokenSettings(issuer, newLifetime, clockSkew);
  }

  /** How long a retired signing key must stay verifiable: the longest a token it signed can live. */
  public Duration retiredKeyRetention() {
    return lifetime.plus(clockSkew);
  }
}
