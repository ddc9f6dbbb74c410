/**
 * The server's platform REST resources under {@code /api/v1}: signup ({@link dev.bizo.server.api.TenantResource}),
 * login, refresh and logout ({@link dev.bizo.server.api.AuthResource}), the caller
 * ({@link dev.bizo.server.api.MeResource}), the tenant's users and API keys
 * ({@link dev.bizo.server.api.UserResource}, {@link dev.bizo.server.api.ApiKeyResource}), the token-verifying
 * keys ({@link dev.bizo.server.api.JwksResource}), money conversion and build information. It also holds what
 * every resource shares: one JSON-B instance ({@link dev.bizo.server.api.SharedJsonb}) and the checks of request
 * bodies and enum parameters, which answer 422 with field errors. The CRM's, payments' and agents' resources
 * are in their own packages.
 */
package dev.bizo.server.api;
