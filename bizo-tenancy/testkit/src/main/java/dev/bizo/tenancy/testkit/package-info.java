/**
 * The published test kit of bizo-tenancy ({@code bizo-tenancy-testkit}): abstract contract tests that each
 * implementation in another module extends, and a start-up of persistence for tests.
 *
 * <ul>
 *   <li>{@link dev.bizo.tenancy.testkit.TenantIsolationContract}: extended once per tenant table; checks
 *       against a real PostgreSQL, as the application role, that no tenant reads or changes another's rows;</li>
 *   <li>{@link dev.bizo.tenancy.testkit.ForcedRowLevelSecurity}: one check that every table with a
 *       {@code tenant_id} column has row-level security enabled, forced and a policy;</li>
 *   <li>{@link dev.bizo.tenancy.testkit.TenantResolverContract}: the contract of every
 *       {@link dev.bizo.tenancy.spi.TenantResolver};</li>
 *   <li>{@link dev.bizo.tenancy.testkit.CredentialStoreContract}, {@link dev.bizo.tenancy.testkit.AttemptCounterContract}
 *       and {@link dev.bizo.tenancy.testkit.AuthAuditSinkContract}: the contracts of the auth SPIs;</li>
 *   <li>{@link dev.bizo.tenancy.testkit.TestTenancy}: starts a {@link dev.bizo.tenancy.TenancyDatabase} on a
 *       {@link dev.bizo.testkit.TestDatabase} exactly as production does, with the pool-leak check on.</li>
 * </ul>
 */
package dev.bizo.tenancy.testkit;
