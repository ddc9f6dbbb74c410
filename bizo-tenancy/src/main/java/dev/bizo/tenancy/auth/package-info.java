/**
 * Authentication for Bizo tenants: Argon2id passwords ({@link dev.bizo.tenancy.auth.PasswordHasher},
 * {@link dev.bizo.tenancy.auth.PasswordPolicy}), ES256 access tokens on a rotating key ring
 * ({@link dev.bizo.tenancy.auth.AccessTokens}, {@link dev.bizo.tenancy.auth.SigningKeyRing}), opaque
 * rotating refresh tokens ({@link dev.bizo.tenancy.auth.RefreshTokens}), machine API keys
 * ({@link dev.bizo.tenancy.auth.ApiKeys}), login throttling
 * ({@link dev.bizo.tenancy.auth.LoginThrottle}) and the login flow that ties them together
 * ({@link dev.bizo.tenancy.auth.AuthService}).
 *
 * <p>Every refusal is an {@link dev.bizo.tenancy.auth.AuthenticationException} with a stable code.
 * No secret (password, token, key, hash) appears in any {@code toString()}, message or audit event.
 */
package dev.bizo.tenancy.auth;
