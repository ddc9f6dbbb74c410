package dev.bizo.tenancy.auth;

import dev.bizo.core.ConfigurationException;
import dev.bizo.core.config.BizoConfig;
import dev.bizo.core.config.Setting;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The configuration settings of authentication, each readable as a system property of its key or the
 * matching environment variable (e.g. {@code bizo.auth.issuer} ↔ {@code BIZO_AUTH_ISSUER}), and
 * factories that turn a {@link BizoConfig} into the value objects of this package. Out-of-range values
 * fail at start-up with a {@link ConfigurationException} naming the setting.
 */
public final class AuthSettings {

  private AuthSettings() {}

  /** {@code BIZO_AUTH_ISSUER}: the {@code iss} of access tokens, e.g. the server's public URL. Required. */
  public static final Setting<String> ISSUER = Setting.string("bizo.auth.issuer").build();

  /** {@code BIZO_AUTH_ACCESS_TOKEN_LIFETIME}: access-token lifetime, at most 15 minutes; default 10m. */
  public static final Setting<Duration> ACCESS_TOKEN_LIFETIME =
      Setting.duration("bizo.auth.access-token-lifetime").defaultValue(Duration.ofMinutes(10)).build();

  /** {@code BIZO_AUTH_CLOCK_SKEW}: tolerance when checking token times; default 30s. */
  public static final Setting<Duration> CLOCK_SKEW =
      Setting.duration("bizo.auth.clock-skew").defaultValue(Duration.ofSeconds(30)).build();

  /** {@code BIZO_AUTH_REFRESH_TOKEN_LIFETIME}: refresh-token lifetime; default 30d. */
  public static final Setting<Duration> REFRESH_TOKEN_LIFETIME =
      Setting.duration("bizo.auth.refresh-token-lifetime").defaultValue(RefreshTokens.DEFAULT_LIFETIME).build();

  /** {@code BIZO_AUTH_ARGON2_MEMORY_KIB}: Argon2id memory cost in KiB; default 19456 (19 MiB). */
  public static final Setting<Integer> ARGON2_MEMORY_KIB =
      Setting.integer("bizo.auth.argon2.memory-kib").defaultValue(Argon2Settings.recommended().memoryKib()).build();

  /** {@code BIZO_AUTH_ARGON2_ITERATIONS}: Argon2id iterations; default 2. */
  public static final Setting<Integer> ARGON2_ITERATIONS =
      Setting.integer("bizo.auth.argon2.iterations").defaultValue(Argon2Settings.recommended().iterations()).build();

  /** {@code BIZO_AUTH_ARGON2_PARALLELISM}: Argon2id lanes; default 1. */
  public static final Setting<Integer> ARGON2_PARALLELISM =
      Setting.integer("bizo.auth.argon2.parallelism").defaultValue(Argon2Settings.recommended().parallelism()).build();

  /** {@code BIZO_AUTH_PASSWORD_MIN_LENGTH}: fewest characters of a new password; default 12, at least 8. */
  public static final Setting<Integer> PASSWORD_MIN_LENGTH =
      Setting.integer("bizo.auth.password.min-length").defaultValue(12).build();

  /** {@code BIZO_AUTH_LOGIN_MAX_ACCOUNT_FAILURES}: failed logins that lock an account; default 5. */
  public static final Setting<Integer> MAX_ACCOUNT_FAILURES =
      Setting.integer("bizo.auth.login.max-account-failures").defaultValue(5).build();

  /** {@code BIZO_AUTH_LOGIN_MAX_ADDRESS_FAILURES}: failed logins that block a client address; default 50. */
  public static final Setting<Integer> MAX_ADDRESS_FAILURES =
      Setting.integer("bizo.auth.login.max-address-failures").defaultValue(50).build();

  /** {@code BIZO_AUTH_LOGIN_FAILURE_WINDOW}: how long failed logins count; default 15m. */
  public static final Setting<Duration> FAILURE_WINDOW =
      Setting.duration("bizo.auth.login.failure-window").defaultValue(Duration.ofMinutes(15)).build();

  /** Access-token settings from {@link #ISSUER}, {@link #ACCESS_TOKEN_LIFETIME} and {@link #CLOCK_SKEW}. */
  public static AccessTokenSettings accessTokens(BizoConfig config) {
    return checked(ACCESS_TOKEN_LIFETIME, () ->
        new AccessTokenSettings(config.require(ISSUER), config.require(ACCESS_TOKEN_LIFETIME), config.require(CLOCK_SKEW)));
  }

  /** Argon2id parameters from the {@code bizo.auth.argon2.*} settings. */
  public static Argon2Settings argon2(BizoConfig config) {
    return checked(ARGON2_MEMORY_KIB, () -> new Argon2Settings(config.require(ARGON2_MEMORY_KIB),
        config.require(ARGON2_ITERATIONS), config.require(ARGON2_PARALLELISM), 16, 32));
  }

  /** The default password policy with {@link #PASSWORD_MIN_LENGTH}. */
  public static PasswordPolicy passwordPolicy(BizoConfig config) {
    return checked(PASSWORD_MIN_LENGTH, () ->
        new PasswordPolicy(config.require(PASSWORD_MIN_LENGTH), 128, PasswordPolicy.bundledCommonPasswords()));
  }

  /** Throttling limits from the {@code bizo.auth.login.*} settings. */
  public static ThrottleSettings throttle(BizoConfig config) {
    return checked(MAX_ACCOUNT_FAILURES, () -> new ThrottleSettings(
        config.require(MAX_ACCOUNT_FAILURES), config.require(MAX_ADDRESS_FAILURES), config.require(FAILURE_WINDOW)));
  }

  /** {@link #REFRESH_TOKEN_LIFETIME}. */
  public static Duration refreshTokenLifetime(BizoConfig config) {
    return config.require(REFRESH_TOKEN_LIFETIME);
  }

  private static <T> T checked(Setting<?> family, Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("configuration_invalid",
          "Invalid authentication settings (" + family.key() + " and related): " + e.getMessage(), e);
    }
  }
}
