package dev.bizo.tenancy.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What to create an API key with.
 *
 * @param name a label for people, e.g. {@code Zapier import}; 1 to 100 characters
 * @param scopes what the key may do; at least one
 * @param expiresAt when the key stops working; empty for never
 * @param createdBy who created it (a user id), for the listing and the audit log
 * @param rateLimitPerMinute the key's own request limit a minute, at least 1; empty for the server-wide limit
 */
public record NewApiKey(
    String name, Set<ApiKeyScope> scopes, Optional<Instant> expiresAt, Optional<String> createdBy, OptionalInt rateLimitPerMinute) {

  public NewApiKey {
    Objects.requireNonNull(name, "name");
    scopes = Set.copyOf(scopes);
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(rateLimitPerMinute, "rateLimitPerMinute");
    if (rateLimitPerMinute.isPresent() && rateLimitPerMinute.getAsInt() < 1) {
      throw new IllegalArgumentException("An API key's rate limit is at least 1 request a minute");
    }
    if (name.isBlank() || name.length() > 100) {
      throw new IllegalArgumentException("API key names are 1..100 characters");
    }
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException("An API key needs at least one scope");
    }
  }

  /** A request without a rate limit of its own. */
  public NewApiKey(String name, Set<ApiKeyScope> scopes, Optional<Instant> expiresAt, Optional<String> createdBy) {
    this(name, scopes, expiresAt, createdBy, OptionalInt.empty());
  }

  /** A key that never expires, with no recorded creator. */
  public static NewApiKey of(String name, Set<ApiKeyScope> scopes) {
    return new NewApiKey(name, scopes, Optional.empty(), Optional.empty());
  }

  /** The same request with an expiry. */
  public NewApiKey expiringAt(Instant when) {
    return new NewApiKey(name, scopes, Optional.of(when), createdBy, rateLimitPerMinute);
  }

  /** The same request with a creator. */
  public NewApiKey createdBy(String userId) {
    return new NewApiKey(name, scopes, expiresAt, Optional.of(userId), rateLimitPerMinute);
  }

  /** The same request with a rate limit of its own, {@code perMinute} requests a minute (at least 1). */
  public NewApiKey limitedTo(int perMinute) {
    return new NewApiKey(name, scopes, expiresAt, createdBy, OptionalInt.of(perMinute));
  }
}
