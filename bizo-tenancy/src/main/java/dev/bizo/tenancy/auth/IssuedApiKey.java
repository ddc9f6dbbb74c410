package dev.bizo.tenancy.auth;

import java.util.Objects;

/**
 * A newly created API key. The {@link #secretKey()} is shown to the user once and cannot be
 * recovered: only its digest is stored.
 *
 * @param secretKey the full key, {@code bz_live_<key id>_<secret>}; never printed by {@link #toString()}
 * @param key the key's stored description
 */
public record IssuedApiKey(String secretKey, ApiKey key) {

  public IssuedApiKey {
    Objects.requireNonNull(secretKey, "secretKey");
    Objects.requireNonNull(key, "key");
  }

  @Override
  public String toString() {
    return "IssuedApiKey[" + key + "]";
  }
}
