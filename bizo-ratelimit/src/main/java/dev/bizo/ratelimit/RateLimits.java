package dev.bizo.ratelimit;

import dev.bizo.core.ConfigurationException;
import dev.bizo.core.config.BizoConfig;
import dev.bizo.core.config.Setting;
import java.time.Duration;

/**
 * How many requests per {@link #WINDOW} a credential and a tenant may make. Each is the capacity of a token
 * bucket that refills evenly over the window, so a client may burst up to the limit and then goes at the
 * limit's pace.
 *
 * @param credentialPerMinute the bucket of one credential; a credential's own, lower limit may narrow it
 * @param tenantPerMinute the bucket all credentials of one tenant share
 */
public record RateLimits(int credentialPerMinute, int tenantPerMinute) {

  /** The window every limit is counted over. */
  public static final Duration WINDOW = Duration.ofMinutes(1);

  public RateLimits {
    if (credentialPerMinute < 1 || tenantPerMinute < 1) {
      throw new IllegalArgumentException(
          "Rate limits are at least 1 request a minute, were " + credentialPerMinute + " per credential and "
              + tenantPerMinute + " per tenant");
    }
  }

  /** The defaults of {@link RateLimitSettings}: 6000 per credential, 30000 per tenant. */
  public static RateLimits defaults() {
    return new RateLimits(
        RateLimitSettings.CREDENTIAL_PER_MINUTE.defaultValue().orElseThrow(),
        RateLimitSettings.TENANT_PER_MINUTE.defaultValue().orElseThrow());
  }

  /**
   * The limits of {@code BIZO_API_RATE_LIMIT_PER_MINUTE} and {@code BIZO_TENANT_RATE_LIMIT_PER_MINUTE}.
   *
   * @throws ConfigurationException naming the setting when a value is below 1
   */
  public static RateLimits fromConfig(BizoConfig config) {
    return new RateLimits(
        positive(config, RateLimitSettings.CREDENTIAL_PER_MINUTE), positive(config, RateLimitSettings.TENANT_PER_MINUTE));
  }

  /**
   * The limit of a credential that asks for {@code own} requests a minute: never above the server-wide one.
   *
   * @throws IllegalArgumentException if {@code own} is below 1
   */
  public int credentialLimit(int own) {
    if (own < 1) {
      throw new IllegalArgumentException("A credential's rate limit is at least 1 request a minute, was " + own);
    }
    return Math.min(own, credentialPerMinute);
  }

  private static int positive(BizoConfig config, Setting<Integer> setting) {
    int value = config.require(setting);
    if (value < 1) {
      throw new ConfigurationException(
          ConfigurationException.CODE, setting.environmentVariable() + " must be at least 1 request a minute, was " + value);
    }
    return value;
  }
}
