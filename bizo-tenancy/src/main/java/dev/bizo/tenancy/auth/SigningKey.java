package dev.bizo.tenancy.auth;

import com.nimbusds.jose.jwk.ECKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One ES256 (P-256) key of a {@link SigningKeyRing}.
 *
 * @param keyId the {@code kid}: the key's RFC 7638 thumbprint
 * @param key the key pair; never printed
 * @param createdAt when the key was added to the ring
 * @param retiredAt when a newer key replaced it for signing; empty while it is the active key
 */
public record SigningKey(String keyId, ECKey key, Instant createdAt, Optional<Instant> retiredAt) {

  public SigningKey {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(retiredAt, "retiredAt");
    if (!keyId.equals(key.getKeyID())) {
      throw new IllegalArgumentException("keyId must match the JWK's kid");
    }
  }

  /** The public half, as published in the JWKS document. */
  public ECKey publicKey() {
    return key.toPublicJWK();
  }

  SigningKey retire(Instant when) {
    return new SigningKey(keyId, key, createdAt, Optional.of(when));
  }

  /** Never includes key material. */
  @Override
  public String toString() {
    return "SigningKey[kid=" + keyId + ", createdAt=" + createdAt + retiredAt.map(r -> ", retiredAt=" + r).orElse("") + "]";
  }
}
