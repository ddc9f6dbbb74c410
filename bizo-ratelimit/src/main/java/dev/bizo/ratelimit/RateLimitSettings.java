package dev.bizo.ratelimit;

import dev.bizo.core.config.Setting;

/**
 * The settings of rate limiting, each readable as a system property of its key or the matching environment
 * variable. Shared mode needs no setting of its own: it follows bizo-core's {@code BIZO_REDIS_URL}.
 */
public final class RateLimitSettings {

  private RateLimitSettings() {}

  /**
   * {@code BIZO_API_RATE_LIMIT_PER_MINUTE}: requests one credential (an API key or a user) may make per minute;
   * default 6000 (100 a second), generous enough that only a runaway client meets it.
   */
  public static final Setting<Integer> CREDENTIAL_PER_MINUTE =
      Setting.integer("bizo.api.rate-limit-per-minute").defaultValue(6_000).build();

  /**
   * {@code BIZO_TENANT_RATE_LIMIT_PER_MINUTE}: requests all credentials of one tenant together may make per
   * minute; default 30000, so one tenant cannot take a whole server from the others.
   */
  public static final Setting<Integer> TENANT_PER_MINUTE =
      Setting.integer("bizo.tenant.rate-limit-per-minute").defaultValue(30_000).build();
}
