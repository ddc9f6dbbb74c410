/**
 * Authentication and the tenant of each request. {@link dev.bizo.server.auth.BearerAuthentication} verifies
 * {@code Authorization: Bearer} (an access token or an API key) on every endpoint not marked
 * {@link dev.bizo.server.auth.Public}, so a forgotten annotation closes an endpoint rather than opening it;
 * {@link dev.bizo.server.auth.Caller} is who the request acts for, and its tenant comes from the verified
 * credential only, never from a header, path or body. Resources annotated
 * {@link dev.bizo.server.auth.InCallerTenant} run with that tenant bound in
 * {@link dev.bizo.tenancy.TenantContext}. A resource method annotated {@link dev.bizo.server.auth.Requires} is
 * refused 403 {@code forbidden} before it runs unless the caller holds that permission.
 * {@link dev.bizo.server.auth.AuthWiring} builds tenancy's services and
 * the {@link dev.bizo.tenancy.auth.AuthService}, with one signing-key ring shared by every replica.
 */
package dev.bizo.server.auth;
