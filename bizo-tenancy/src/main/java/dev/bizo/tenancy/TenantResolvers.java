package dev.bizo.tenancy;

import dev.bizo.core.TenantId;
import dev.bizo.tenancy.spi.TenantRequest;
import dev.bizo.tenancy.spi.TenantResolver;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** The resolvers Bizo ships. */
public final class TenantResolvers {

  private TenantResolvers() {}

  /**
   * Reads the tenant from the verified token claim {@code tid} (Bizo's access tokens). Trusted for
   * authenticated requests.
   */
  public static TenantResolver tokenClaim() {
    return tokenClaim("tid");
  }

  /** Reads the tenant id from the verified claim {@code claim}. */
  public static TenantResolver tokenClaim(String claim) {
    Objects.requireNonNull(claim, "claim");
    return new TenantResolver() {
      @Override
      public String id() {
        return "token-claim";
      }

      @Override
      public Optional<TenantId> resolve(TenantRequest request) {
        Object value = request.verifiedClaims().get(claim);
        return value == null ? Optional.empty() : parse(value.toString());
      }

      @Override
      public boolean fromVerifiedCredential() {
        return true;
      }
    };
  }

  /**
   * Reads a tenant slug from the header {@code name} (e.g. {@code X-Bizo-Tenant}) and looks it up with
   * {@code bySlug}, e.g. {@code slug -> tenants.findBySlug(slug).map(Tenant::id)}. Public endpoints only.
   */
  public static TenantResolver header(String name, Function<String, Optional<TenantId>> bySlug) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(bySlug, "bySlug");
    return new TenantResolver() {
      @Override
      public String id() {
        return "header";
      }

      @Override
      public Optional<TenantId> resolve(TenantRequest request) {
        return request.header(name).map(String::strip).filter(s -> !s.isEmpty()).flatMap(s -> bySlug.apply(s.toLowerCase(Locale.ROOT)));
      }
    };
  }

  /**
   * Reads a tenant slug from the first label of the host under {@code baseDomain} (e.g. {@code acme} in
   * {@code acme.bizo.example}) and looks it up with {@code bySlug}. Public endpoints only.
   */
  public static TenantResolver subdomain(String baseDomain, Function<String, Optional<TenantId>> bySlug) {
    String suffix = "." + Objects.requireNonNull(baseDomain, "baseDomain").toLowerCase(Locale.ROOT);
    Objects.requireNonNull(bySlug, "bySlug");
    return new TenantResolver() {
      @Override
      public String id() {
        return "subdomain";
      }

      @Override
      public Optional<TenantId> resolve(TenantRequest request) {
        String host = request.host();
        if (!host.endsWith(suffix)) {
          return Optional.empty();
        }
        String label = host.substring(0, host.length() - suffix.length());
        if (label.isEmpty() || label.contains(".")) {
          return Optional.empty();
        }
        return bySlug.apply(label);
      }
    };
  }

  private static Optional<TenantId> parse(String text) {
    try {
      return Optional.of(new TenantId(UUID.fromString(text)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
