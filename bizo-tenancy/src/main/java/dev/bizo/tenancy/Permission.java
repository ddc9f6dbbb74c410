package dev.bizo.tenancy;

/** What a role may do inside its tenant. Checked with {@link Principal#require(Permission)}. */
public enum Permission {
  /** Rename, suspend or delete the tenant itself. */
  TENANT_MANAGE,
  /** Manage billing and payment gateway settings. */
  BILLING_MANAGE,
  /** Invite and remove users, change their roles. */
  USERS_MANAGE,
  /** See who belongs to the tenant. */
  USERS_READ,
  /** Create and revoke API keys. */
  API_KEYS_MANAGE,
  /** Store and replace per-tenant secrets (gateway credentials, webhook secrets). */
  SECRETS_MANAGE,
  /** Read the tenant's audit log. */
  AUDIT_READ,
  /** Create and change business data (leads, payments, agents). */
  DATA_WRITE,
  /** Read business data. */
  DATA_READ
}
