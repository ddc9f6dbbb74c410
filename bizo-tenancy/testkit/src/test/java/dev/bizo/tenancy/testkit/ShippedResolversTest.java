package dev.bizo.tenancy.testkit;

import dev.bizo.core.TenantId;
import dev.bizo.tenancy.TenantResolvers;
import dev.bizo.tenancy.spi.TenantRequest;
import dev.bizo.tenancy.spi.TenantResolver;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;

/** The resolvers bizo-tenancy ships, against their SPI contract. */
class ShippedResolversTest {

  private static final TenantId ACME = TenantId.generate();

  private static Optional<TenantId> bySlug(String slug) {
    return slug.equals("acme") ? Optional.of(ACME) : Optional.empty();
  }

  @Nested
  class TokenClaim extends TenantResolverContract {
    @Override
    protected TenantResolver resolver() {
      return TenantResolvers.tokenClaim();
    }

    @Override
    protected TenantRequest requestNaming(TenantId tenant) {
      return new TenantRequest(Map.of("X-Bizo-Tenant", "acme"), "acme.bizo.example", Map.of("tid", tenant.toString(), "sub", "u1"));
    }

    @Override
    protected TenantId knownTenant() {
      return ACME;
    }

    @Override
    protected TenantRequest requestNamingNoTenant() {
      return new TenantRequest(Map.of(), "api.bizo.example", Map.of("tid", "not-a-uuid", "sub", "u1"));
    }
  }

  @Nested
  class Header extends TenantResolverContract {
    @Override
    protected TenantResolver resolver() {
      return TenantResolvers.header("X-Bizo-Tenant", ShippedResolversTest::bySlug);
    }

    @Override
    protected TenantRequest requestNaming(TenantId tenant) {
      return new TenantRequest(Map.of("x-bizo-tenant", "acme"), "www.bizo.example", Map.of("tid", TenantId.generate().toString()));
    }

    @Override
    protected TenantId knownTenant() {
      return ACME;
    }

    @Override
    protected TenantRequest requestNamingNoTenant() {
      return TenantRequest.anonymous(Map.of("X-Bizo-Tenant", "unknown"), "www.bizo.example");
    }
  }

  @Nested
  class Subdomain extends TenantResolverContract {
    @Override
    protected TenantResolver resolver() {
      return TenantResolvers.subdomain("bizo.example", ShippedResolversTest::bySlug);
    }

    @Override
    protected TenantRequest requestNaming(TenantId tenant) {
      return new TenantRequest(Map.of(), "acme.bizo.example", Map.of("tid", TenantId.generate().toString()));
    }

    @Override
    protected TenantId knownTenant() {
      return ACME;
    }

    @Override
    protected TenantRequest requestNamingNoTenant() {
      return TenantRequest.anonymous(Map.of(), "acme.elsewhere.example");
    }
  }
}
