package dev.bizo.tenancy;

/** Whether a tenant may be used. */
public enum TenantStatus {
  /** Normal operation. */
  ACTIVE,
  /** Blocked by the platform, e.g. for non-payment; its data stays. */
  SUSPENDED
}
