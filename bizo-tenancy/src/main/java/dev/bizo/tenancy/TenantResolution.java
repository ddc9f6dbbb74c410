package dev.bizo.tenancy;

import dev.bizo.core.ForbiddenException;
import dev.bizo.core.Providers;
import dev.bizo.core.TenantId;
import dev.bizo.tenancy.spi.TenantRequest;
import dev.bizo.tenancy.spi.TenantResolver;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides the tenant of a request from the registered {@link TenantResolver}s.
 *
 * <p>For an authenticated request (one with verified claims), only resolvers that read verified
 * credentials are asked: a header or host naming another tenant is ignored, never trusted over the token.
 * For an unauthenticated request to a public endpoint, the other resolvers are asked in registration order.
 */
public final class TenantResolution {

  private final List<TenantResolver> verified;
  private final List<TenantResolver> publicOnly;

  private TenantResolution(Providers<TenantResolver> providers) {
    this.verified = providers.all().stream().filter(TenantResolver::fromVerifiedCredential).toList();
    this.publicOnly = providers.all().stream().filter(r -> !r.fromVerifiedCredential()).toList();
  }

  /** A builder; resolvers registered explicitly come before those found by {@code ServiceLoader}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The tenant of an authenticated request, from its verified credential only.
   *
   * @throws ForbiddenException {@code tenancy.no_tenant} when the request is unauthenticated or its
   *     credential names no tenant
   */
  public TenantId authenticated(TenantRequest request) {
    Objects.requireNonNull(request, "request");
    if (!request.authenticated()) {
      throw new ForbiddenException("tenancy.no_tenant", "The request carries no verified credential");
    }
    return first(verified, request)
        .orElseThrow(() -> new ForbiddenException("tenancy.no_tenant", "The verified credential names no tenant"));
  }

  /**
   * The tenant of a request to a public endpoint: from the verified credential when there is one, else
   * from the public resolvers (header, subdomain).
   */
  public Optional<TenantId> forPublicEndpoint(TenantRequest request) {
    Objects.requireNonNull(request, "request");
    if (request.authenticated()) {
      return first(verified, request);
    }
    return first(publicOnly, request);
  }

  private static Optional<TenantId> first(List<TenantResolver> resolvers, TenantRequest request) {
    for (TenantResolver resolver : resolvers) {
      Optional<TenantId> tenant = resolver.resolve(request);
      if (tenant.isPresent()) {
        return tenant;
      }
    }
    return Optional.empty();
  }

  /** Collects resolvers. */
  public static final class Builder {
    private final Providers.Builder<TenantResolver> providers = Providers.builder(TenantResolver.class, TenantResolver::id);

    private Builder() {}

    /** Adds a resolver. */
    public Builder register(TenantResolver resolver) {
      providers.register(resolver);
      return this;
    }

    /** Whether to add resolvers found by {@code ServiceLoader} (default off). */
    public Builder discover(boolean discover) {
      providers.discover(discover);
      return this;
    }

    /** The resolution. */
    public TenantResolution build() {
      return new TenantResolution(providers.build());
    }
  }
}
