/**
 * Multi-tenancy on PostgreSQL row-level security: the layer every module that stores tenant data builds on.
 *
 * <ul>
 *   <li>{@link dev.bizo.tenancy.TenancyDatabase}: started once per application; runs each
 *       {@link dev.bizo.tenancy.PersistenceModule}'s migrations as the owner and pools connections as an
 *       application role that row-level security binds;</li>
 *   <li>{@link dev.bizo.tenancy.Transactions}: the only way Bizo code reads or writes tenant data, one
 *       transaction per call, scoped to one tenant or to the audited, read-only system scope;</li>
 *   <li>{@link dev.bizo.tenancy.TenantContext}: the tenant of the current thread, bound only for a scope;</li>
 *   <li>{@link dev.bizo.tenancy.Tenants}, {@link dev.bizo.tenancy.Users} and {@link dev.bizo.tenancy.AuditLog}:
 *       signup, users and roles, and each tenant's append-only audit log;</li>
 *   <li>{@link dev.bizo.tenancy.TenantSecrets} and {@link dev.bizo.tenancy.PlatformSecrets}: secrets sealed
 *       with AES-256-GCM under a {@link dev.bizo.tenancy.MasterKeyring};</li>
 *   <li>{@link dev.bizo.tenancy.TenantResolution}: the tenant of an incoming request, from the
 *       {@link dev.bizo.tenancy.spi.TenantResolver}s in {@link dev.bizo.tenancy.TenantResolvers}.</li>
 * </ul>
 *
 * <p>Authentication is in {@code ..auth}, background jobs in {@code ..jobs}, resolver plugins in
 * {@code ..spi}; {@code ..internal} is not API.
 */
package dev.bizo.tenancy;
