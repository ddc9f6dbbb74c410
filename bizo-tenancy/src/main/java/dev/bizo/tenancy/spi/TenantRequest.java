package dev.bizo.tenancy.spi;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The little a {@link TenantResolver} may look at in an incoming request, independent of any web
 * framework.
 *
 * @param headers request headers by name (matched without regard to case); the first value of each
 * @param host the request's host name without port, e.g. {@code acme.bizo.example}
 * @param verifiedClaims the claims of a credential that was already verified (signature, expiry), e.g.
 *     a JWT's; empty for unauthenticated requests. Never fill this from unverified input.
 */
public record TenantRequest(Map<String, String> headers, String host, Map<String, Object> verifiedClaims) {

  public TenantRequest {
    Map<String, String> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    caseless.putAll(Objects.requireNonNull(headers, "headers"));
    headers = java.util.Collections.unmodifiableMap(caseless);
    host = Objects.requireNonNull(host, "host").toLowerCase(Locale.ROOT);
    verifiedClaims = Map.copyOf(verifiedClaims);
  }

  /** An unauthenticated request. */
  public static TenantRequest anonymous(Map<String, String> headers, String host) {
    return new TenantRequest(headers, host, Map.of());
  }

  /** The header {@code name}, if present. */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  /** Whether the request carries a verified credential. */
  public boolean authenticated() {
    return !verifiedClaims.isEmpty();
  }
}
