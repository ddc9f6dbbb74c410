/**
 * For plugin authors: {@link dev.bizo.tenancy.spi.TenantResolver} finds the tenant of an incoming request
 * from the framework-independent {@link dev.bizo.tenancy.spi.TenantRequest}. Register implementations with
 * {@link dev.bizo.tenancy.TenantResolution.Builder#register} or through {@link java.util.ServiceLoader};
 * the shipped ones are in {@link dev.bizo.tenancy.TenantResolvers}. A resolver that reads client-controlled
 * input (headers, host) is consulted only for unauthenticated requests, never over a verified token.
 * Implementations are thread-safe and extend {@code TenantResolverContract} from {@code bizo-tenancy-testkit}.
 */
package dev.bizo.tenancy.spi;
