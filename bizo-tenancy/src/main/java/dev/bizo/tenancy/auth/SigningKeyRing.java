package dev.bizo.tenancy.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.bizo.core.ConfigurationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The ES256 keys access tokens are signed with, rotated over time.
 *
 * <p>The newest key signs; {@link #rotate()} adds a new one and retires the previous, which keeps
 * verifying the tokens it signed until they have all expired ({@code retention} after retirement) and
 * then drops out of the ring and of the {@link #publicJwks() JWKS document}. Thread-safe.
 *
 * <p>Why ES256 rather than EdDSA: every JOSE client, API gateway and browser WebCrypto verifies P-256
 * out of the box, and nimbus-jose-jwt implements it on the JDK alone, whereas its Ed25519 support needs
 * Google Tink on the class path.
 *
 * <p>Keys live in memory. Replicas that must verify each other's tokens share one ring: load it with
 * {@link #of(List, Duration, Clock)} from a shared store.
 */
public final class SigningKeyRing {

  private final Duration retention;
  private final Clock clock;
  private List<SigningKey> keys; // newest first; guarded by this

  private SigningKeyRing(List<SigningKey> keys, Duration retention, Clock clock) {
    this.retention = Objects.requireNonNull(retention, "retention");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (retention.isNegative()) {
      throw new IllegalArgumentException("retention must not be negative");
    }
    this.keys = List.copyOf(keys);
  }

  /**
   * A ring with one freshly generated key.
   *
   * @param retention how long a retired key stays verifiable; use {@link AccessTokenSettings#retiredKeyRetention()}
   */
  public static SigningKeyRing generate(Duration retention, Clock clock) {
    return new SigningKeyRing(List.of(newKey(clock.instant())), retention, clock);
  }

  /**
   * A ring of existing keys, e.g. loaded from a shared store.
   *
   * @param keys newest first; exactly the first must be unretired, and key ids must be unique
   */
  public static SigningKeyRing of(List<SigningKey> keys, Duration retention, Clock clock) {
    if (keys.isEmpty() || keys.get(0).retiredAt().isPresent()) {
      throw new IllegalArgumentException("The first key must be active");
    }
    if (keys.stream().skip(1).anyMatch(k -> k.retiredAt().isEmpty())) {
      throw new IllegalArgumentException("Only the first key may be active");
    }
    if (keys.stream().map(SigningKey::keyId).distinct().count() != keys.size()) {
      throw new IllegalArgumentException("Key ids must be unique");
    }
    return new SigningKeyRing(keys, retention, clock);
  }

  /** Generates a new signing key, retires the current one and returns the new one. */
  public synchronized SigningKey rotate() {
    Instant now = clock.instant();
    List<SigningKey> next = new ArrayList<>();
    next.add(newKey(now));
    for (SigningKey key : keys) {
      next.add(key.retiredAt().isPresent() ? key : key.retire(now));
    }
    keys = List.copyOf(next);
    prune();
    return keys.get(0);
  }

  /** The key new tokens are signed with. */
  public synchronized SigningKey active() {
    return keys.get(0);
  }

  /** The active key or a retired one still within its retention, by key id. */
  public synchronized Optional<SigningKey> find(String keyId) {
    prune();
    return keys.stream().filter(k -> k.keyId().equals(keyId)).findFirst();
  }

  /** Every key still usable for verification, newest first. */
  public synchronized List<SigningKey> keys() {
    prune();
    return keys;
  }

  /** The public keys still usable for verification, as a JWK set (RFC 7517); never private parts. */
  public JWKSet publicJwks() {
    List<JWK> published = new ArrayList<>();
    for (SigningKey key : keys()) {
      published.add(key.publicKey());
    }
    return new JWKSet(published);
  }

  private void prune() {
    Instant cutoff = clock.instant().minus(retention);
    if (keys.stream().anyMatch(k -> k.retiredAt().map(r -> !r.isAfter(cutoff)).orElse(false))) {
      keys = keys.stream().filter(k -> k.retiredAt().map(r -> r.isAfter(cutoff)).orElse(true)).toList();
    }
  }

  private static SigningKey newKey(Instant now) {
    try {
      ECKey key =
          new ECKeyGenerator(Curve.P_256)
              .keyUse(KeyUse.SIGNATURE)
              .algorithm(JWSAlgorithm.ES256)
              .keyIDFromThumbprint(true)
              .generate();
      return new SigningKey(key.getKeyID(), key, now, Optional.empty());
    } catch (JOSEException e) {
      throw new ConfigurationException("configuration_invalid", "Cannot generate a P-256 key: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized String toString() {
    return "SigningKeyRing" + keys;
  }
}
