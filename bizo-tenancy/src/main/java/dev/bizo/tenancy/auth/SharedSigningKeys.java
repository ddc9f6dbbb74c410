package dev.bizo.tenancy.auth;

import dev.bizo.core.ConflictException;
import dev.bizo.tenancy.PlatformSecrets;
import dev.bizo.tenancy.SecretValue;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * One access-token signing key ring shared by every replica, stored sealed in {@link PlatformSecrets}, so a
 * token issued by one replica verifies on all of them.
 *
 * <p>The first replica to start generates the ring; the others load it. {@link #rotate()} writes a new ring
 * with optimistic concurrency; the other replicas pick it up on their next {@link #refresh()} (call it
 * periodically, e.g. every minute; a retired key stays verifiable for the retention period, which covers
 * the gap).
 */
public final class SharedSigningKeys {

  /** The platform secret's name. */
  public static final String SECRET_NAME = "auth.signing-keys";

  private final PlatformSecrets secrets;
  private final Duration retention;
  private final Clock clock;
  private final SigningKeyRing ring;
  private long version;

  private SharedSigningKeys(PlatformSecrets secrets, Duration retention, Clock clock) {
    this.secrets = secrets;
    this.retention = retention;
    this.clock = clock;
    PlatformSecrets.Versioned stored =
        secrets.getOrCreate(SECRET_NAME, () -> SecretValue.of(SigningKeyRing.generate(retention, clock).toSecretJson()));
    this.ring = SigningKeyRing.fromSecretJson(stored.value().reveal(), retention, clock);
    this.version = stored.version();
  }

  /**
   * Loads the shared ring, creating it if this is the first replica.
   *
   * @param retention how long retired keys stay verifiable
   */
  public static SharedSigningKeys open(PlatformSecrets secrets, Duration retention, Clock clock) {
    return new SharedSigningKeys(
        Objects.requireNonNull(secrets, "secrets"), Objects.requireNonNull(retention, "retention"), Objects.requireNonNull(clock, "clock"));
  }

  /** The ring to give {@link AuthService}; it is updated in place by {@link #refresh()} and {@link #rotate()}. */
  public SigningKeyRing ring() {
    return ring;
  }

  /**
   * Re-reads the stored ring and adopts it if another replica changed it.
   *
   * @return whether the ring changed
   */
  public synchronized boolean refresh() {
    PlatformSecrets.Versioned stored = secrets.find(SECRET_NAME).orElseThrow();
    if (stored.version() == version) {
      return false;
    }
    ring.adopt(SigningKeyRing.fromSecretJson(stored.value().reveal(), retention, clock));
    version = stored.version();
    return true;
  }

  /** Rotates the shared ring for every replica and returns the new signing key. */
  public synchronized SigningKey rotate() {
    for (int attempt = 0; ; attempt++) {
      refresh();
      SigningKeyRing next = SigningKeyRing.fromSecretJson(ring.toSecretJson(), retention, clock);
      SigningKey key = next.rotate();
      try {
        version = secrets.replace(SECRET_NAME, version, SecretValue.of(next.toSecretJson()));
        ring.adopt(next);
        return key;
      } catch (ConflictException e) {
        if (attempt >= 5) {
          throw e;
        }
      }
    }
  }

  @Override
  public String toString() {
    return "SharedSigningKeys[version=" + version + ", " + ring + "]";
  }
}
