package dev.bizo.tenancy;

import java.time.Instant;
import java.util.Objects;

/**
 * What may be shown about a stored secret: never its value.
 *
 * @param name the secret's name within its tenant, e.g. {@code stripe.api_key}
 * @param masked the masked value, e.g. {@code sk_live_…abcd}
 * @param keyId the id of the master key that seals it
 * @param updatedAt when it was last written or re-sealed
 */
public record SecretInfo(String name, String masked, String keyId, Instant updatedAt) {

  public SecretInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(masked, "masked");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
