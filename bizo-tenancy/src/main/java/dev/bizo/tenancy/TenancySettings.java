package dev.bizo.tenancy;

import dev.bizo.core.config.Setting;

/** Settings read by bizo-tenancy. Each maps to an environment variable, e.g. {@code BIZO_DB_URL}. */
public final class TenancySettings {

  private TenancySettings() {}

  /** {@code BIZO_DB_URL}: the JDBC URL of the PostgreSQL database. */
  public static final Setting<String> DB_URL = Setting.string("bizo.db.url").build();

  /** {@code BIZO_DB_OWNER_USER}: the role that owns the schema and runs migrations. */
  public static final Setting<String> DB_OWNER_USER = Setting.string("bizo.db.owner-user").build();

  /** {@code BIZO_DB_OWNER_PASSWORD}. */
  public static final Setting<String> DB_OWNER_PASSWORD = Setting.string("bizo.db.owner-password").secret().build();

  /** {@code BIZO_DB_APP_USER}: the role the application connects as; owns nothing, no BYPASSRLS. */
  public static final Setting<String> DB_APP_USER = Setting.string("bizo.db.app-user").defaultValue("bizo_app").build();

  /** {@code BIZO_DB_APP_PASSWORD}. */
  public static final Setting<String> DB_APP_PASSWORD = Setting.string("bizo.db.app-password").secret().build();

  /** {@code BIZO_DB_POOL_SIZE}: the maximum number of pooled application connections. */
  public static final Setting<Integer> DB_POOL_SIZE = Setting.integer("bizo.db.pool-size").defaultValue(10).build();

  /**
   * {@code BIZO_MASTER_KEY}: the base64 of 32 random bytes; encrypts per-tenant secrets (AES-256-GCM).
   * New secrets are always written under this key.
   */
  public static final Setting<String> MASTER_KEY = Setting.string("bizo.master-key").secret().build();

  /**
   * {@code BIZO_MASTER_KEY_RETIRED}: comma-separated base64 keys that were the master key before; kept
   * only so existing secrets still decrypt until {@code TenantSecrets.rotate()} has re-encrypted them.
   */
  public static final Setting<String> MASTER_KEY_RETIRED = Setting.string("bizo.master-key-retired").secret().build();
}
