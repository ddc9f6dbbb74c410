package dev.bizo.tenancy.auth;

import java.util.Objects;

/**
 * A password login attempt.
 *
 * @param tenantSlug the tenant's unique slug, e.g. {@code acme}
 * @param email the user's e-mail
 * @param password the password as typed; never printed by {@link #toString()}
 * @param clientAddress the client's network address, for per-address throttling
 */
public record LoginRequest(String tenantSlug, String email, String password, String clientAddress) {

  public LoginRequest {
    Objects.requireNonNull(tenantSlug, "tenantSlug");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(clientAddress, "clientAddress");
  }

  @Override
  public String toString() {
    return "LoginRequest[tenantSlug=" + tenantSlug + ", email=" + email + ", clientAddress=" + clientAddress + "]";
  }
}
