package dev.bizo.tenancy.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * A freshly issued access token.
 *
 * @param value the compact JWT to hand to the client; never printed by {@link #toString()}
 * @param tokenId the {@code jti} claim
 * @param keyId the {@code kid} of the signing key
 * @param expiresAt the {@code exp} claim
 */
public record AccessToken(String value, String tokenId, String keyId, Instant expiresAt) {

  public AccessToken {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(tokenId, "tokenId");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  @Override
  public String toString() {
    return "AccessToken[jti=" + tokenId + ", kid=" + keyId + ", expiresAt=" + expiresAt + "]";
  }
}
