package dev.bizo.tenancy.auth.spi;

/**
 * Counts failed attempts per key in a sliding time window, for login throttling. The window is fixed
 * when the counter is created; attempts older than it no longer count.
 *
 * <p>Bizo ships a local (Caffeine) counter for a single node and a Redis counter shared by all
 * replicas; see {@link dev.bizo.tenancy.auth.LoginThrottle}. An implementation must be thread-safe,
 * and a shared one must count attempts from every node. Implementations extend the contract test
 * {@code AttemptCounterContract} in this module's tests.
 *
 * <p>Keys are opaque strings chosen by the caller (Bizo passes digests, never raw e-mail addresses).
 */
public interface AttemptCounter {

  /**
   * Records one failed attempt.
   *
   * @return the number of attempts within the window, including this one
   */
  int record(String key);

  /** The number of attempts within the window, without recording one. */
  int count(String key);

  /** Forgets every attempt under {@code key}, e.g. after a successful login. */
  void reset(String key);
}
