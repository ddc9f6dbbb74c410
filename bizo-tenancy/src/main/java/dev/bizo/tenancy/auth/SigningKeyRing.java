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
import com.nimbusds.jose.util.JSONObjectUtils;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * <p>Keys live in memory. Replicas that must verify each other's tokens share one ring: persist
 * {@link #toSecretJson()} in an encrypted secret store and load it with
 * {@link #fromSecretJson(String, Duration, Clock)}.
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

  /**
   * Rotates when the active key is at least {@code maxAge} old, e.g. from a daily job.
   *
   * @return whether a new key was made
   */
  public synchronized boolean rotateIfOlderThan(Duration maxAge) {
    if (keys.get(0).createdAt().plus(maxAge).isAfter(clock.instant())) {
      return false;
    }
    rotate();
    return true;
  }

  /**
   * The whole ring <em>including private keys</em>, as JSON for an encrypted secret store. Never log
   * it or return it from an API.
   */
  public String toSecretJson() {
    List<Object> entries = new ArrayList<>();
    for (SigningKey key : keys()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("jwk", key.key().toJSONObject());
      entry.put("createdAt", key.createdAt().toString());
      key.retiredAt().ifPresent(r -> entry.put("retiredAt", r.toString()));
      entries.add(entry);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("keys", entries);
    return JSONObjectUtils.toJSONString(root);
  }

  /**
   * A ring read back from {@link #toSecretJson()}.
   *
   * @throws ConfigurationException when the JSON is not a valid ring
   */
  public static SigningKeyRing fromSecretJson(String json, Duration retention, Clock clock) {
    try {
      List<SigningKey> keys = new ArrayList<>();
      for (Map<String, Object> entry : JSONObjectUtils.getJSONObjectArray(JSONObjectUtils.parse(json), "keys")) {
        ECKey key = ECKey.parse(JSONObjectUtils.getJSONObject(entry, "jwk"));
        if (!key.isPrivate() || !Curve.P_256.equals(key.getCurve())) {
          throw new IllegalArgumentException("every key must be a private P-256 key");
        }
        String retired = JSONObjectUtils.getString(entry, "retiredAt");
        keys.add(new SigningKey(key.getKeyID(), key, Instant.parse(JSONObjectUtils.getString(entry, "createdAt")),
            Optional.ofNullable(retired).map(Instant::parse)));
      }
      return of(keys, retention, clock);
    } catch (java.text.ParseException | RuntimeException e) {
      throw new ConfigurationException("configuration_invalid", "Not a valid signing key ring: " + e.getClass().getSimpleName(), e);
    }
  }

  /** Takes over {@code other}'s keys, e.g. after another replica rotated the shared ring. */
  synchronized void adopt(SigningKeyRing other) {
    keys = other.keys();
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
