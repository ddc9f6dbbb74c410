package dev.bizo.tenancy.spi;

import dev.bizo.core.TenantId;
import java.util.Optional;

/**
 * Finds the tenant an incoming request belongs to. Register implementations with
 * {@link dev.bizo.tenancy.TenantResolution.Builder#register(TenantResolver)} (or through
 * {@code ServiceLoader}); Bizo ships a token-claim, a header and a subdomain resolver in
 * {@link dev.bizo.tenancy.TenantResolvers}.
 *
 * <p>Two kinds exist, and {@link #fromVerifiedCredential()} says which:
 * <ul>
 *   <li>resolvers that read only {@link TenantRequest#verifiedClaims()}: the only ones consulted for an
 *       authenticated request;</li>
 *   <li>resolvers that read client-controlled input (headers, host): consulted only for public,
 *       unauthenticated endpoints such as signup or a public lead form, and never over a token.</li>
 * </ul>
 *
 * <p>Implementations are thread-safe and return empty rather than throw when the request does not name
 * a tenant they recognise. They extend the contract test {@code dev.bizo.tenancy.testkit.TenantResolverContract} from
 * {@code bizo-tenancy-testkit}.
 */
public interface TenantResolver {

  /** A short unique name, e.g. {@code token-claim}. */
  String id();

  /** The tenant named by {@code request}, if this resolver finds one. */
  Optional<TenantId> resolve(TenantRequest request);

  /**
   * Whether this resolver reads only verified credentials. Only such resolvers may decide the tenant of an
   * authenticated request. Defaults to {@code false}: client input is untrusted unless a resolver says
   * otherwise.
   */
  default boolean fromVerifiedCredential() {
    return false;
  }
}
