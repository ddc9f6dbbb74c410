package dev.bizo.tenancy.auth;

import java.util.Objects;

/**
 * What a successful login or refresh returns: a short-lived access token and the refresh token that
 * obtains the next one. Neither value is printed by {@link #toString()}.
 *
 * @param access the access token (JWT)
 * @param refresh the refresh token (opaque, single use)
 */
public record TokenPair(AccessToken access, RefreshToken refresh) {

  public TokenPair {
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(refresh, "refresh");
  }
}
