package dev.bizo.tenancy.auth;

import dev.bizo.core.config.BizoConfig;
import dev.bizo.core.config.CoreSettings;
import dev.bizo.tenancy.auth.internal.LocalAttemptCounter;
import dev.bizo.tenancy.auth.internal.OpaqueTokens;
import dev.bizo.tenancy.auth.internal.RedisAttemptCounter;
import dev.bizo.tenancy.auth.spi.AttemptCounter;
import java.net.URI;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Throttles failed logins per account and per client address with sliding windows.
 *
 * <p>Counters are local (Caffeine) by default, or shared through Redis when {@code BIZO_REDIS_URL} is
 * set, so a cluster enforces one limit. Account keys are SHA-256 digests of tenant slug and
 * normalised e-mail: Redis never holds addresses in clear. Close the throttle to release a Redis
 * connection.
 *
 * <p>The throttle only answers questions; {@link AuthService} decides what the caller sees, and makes
 * a locked account indistinguishable from a wrong password.
 */
public final class LoginThrottle implements AutoCloseable {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LoginThrottle.class);

  private final AttemptCounter accounts;
  private final AttemptCounter addresses;
  private final ThrottleSettings settings;
  private final Optional<RedisAttemptCounter> resource;

  /**
   * A throttle over caller-supplied counters, both with {@code settings.window()}.
   *
   * @param accounts counts failures per account
   * @param addresses counts failures per client address
   */
  public LoginThrottle(AttemptCounter accounts, AttemptCounter addresses, ThrottleSettings settings) {
    this(accounts, addresses, settings, Optional.empty());
  }

  private LoginThrottle(
      AttemptCounter accounts, AttemptCounter addresses, ThrottleSettings settings, Optional<RedisAttemptCounter> resource) {
    this.accounts = Objects.requireNonNull(accounts, "accounts");
    this.addresses = Objects.requireNonNull(addresses, "addresses");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.resource = resource;
  }

  /** In-process counters: right for a single node. */
  public static LoginThrottle local(ThrottleSettings settings, Clock clock) {
    int remember = Math.max(settings.maxAccountFailures(), settings.maxAddressFailures()) + 1;
    return new LoginThrottle(
        new LocalAttemptCounter(settings.window(), remember, 100_000, clock),
        new LocalAttemptCounter(settings.window(), remember, 100_000, clock),
        settings);
  }

  /** Counters shared by every node through the Redis at {@code redisUri}. */
  public static LoginThrottle redis(URI redisUri, ThrottleSettings settings, Clock clock) {
    RedisAttemptCounter counter = new RedisAttemptCounter(redisUri, settings.window(), clock);
    // One counter serves both kinds of key: they carry distinct prefixes.
    return new LoginThrottle(counter, counter, settings, Optional.of(counter));
  }

  /** Redis when {@code BIZO_REDIS_URL} is configured, local counters otherwise. */
  public static LoginThrottle fromConfig(BizoConfig config, ThrottleSettings settings, Clock clock) {
    Optional<URI> redis = config.find(CoreSettings.REDIS_URL);
    if (redis.isPresent()) {
      LOG.info("Login throttling shared through Redis");
      return redis(redis.get(), settings, clock);
    }
    LOG.info("Login throttling is local to this node; set BIZO_REDIS_URL to share it across replicas");
    return local(settings, clock);
  }

  /** Whether counts are shared with other nodes through Redis. */
  public boolean isShared() {
    return resource.isPresent();
  }

  public ThrottleSettings settings() {
    return settings;
  }

  /** Whether the account has reached its failure limit. */
  public boolean isAccountLocked(String tenantSlug, String email) {
    return accounts.count(accountKey(tenantSlug, email)) >= settings.maxAccountFailures();
  }

  /** Whether the client address has reached its failure limit. */
  public boolean isAddressBlocked(String clientAddress) {
    return addresses.count(addressKey(clientAddress)) >= settings.maxAddressFailures();
  }

  /** Counts a failed login against both the account and the address. */
  public void recordFailure(String tenantSlug, String email, String clientAddress) {
    accounts.record(accountKey(tenantSlug, email));
    addresses.record(addressKey(clientAddress));
  }

  /** Clears the account's failures after a successful login; the address keeps its count. */
  public void recordSuccess(String tenantSlug, String email) {
    accounts.reset(accountKey(tenantSlug, email));
  }

  static String accountKey(String tenantSlug, String email) {
    String normalized = tenantSlug.strip().toLowerCase(Locale.ROOT) + "\n" + email.strip().toLowerCase(Locale.ROOT);
    return "account:" + HexFormat.of().formatHex(OpaqueTokens.sha256(normalized));
  }

  static String addressKey(String clientAddress) {
    return "address:" + clientAddress.strip().toLowerCase(Locale.ROOT);
  }

  @Override
  public void close() {
    if (resource.isPresent()) {
      resource.get().close();
    }
  }

  @Override
  public String toString() {
    return "LoginThrottle[" + settings + (resource.isPresent() ? ", redis" : ", local") + "]";
  }
}
