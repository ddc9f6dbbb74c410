package dev.bizo.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.ForbiddenException;
import dev.bizo.core.TenantId;
import dev.bizo.tenancy.spi.TenantRequest;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TenantResolutionTest {

  private final TenantId acme = TenantId.generate();
  private final TenantId globex = TenantId.generate();
  private final TenantResolution resolution =
      TenantResolution.builder()
          .register(TenantResolvers.header("X-Bizo-Tenant", this::bySlug))
          .register(TenantResolvers.subdomain("bizo.example", this::bySlug))
          .register(TenantResolvers.tokenClaim())
          .build();

  private Optional<TenantId> bySlug(String slug) {
    return switch (slug) {
      case "acme" -> Optional.of(acme);
      case "globex" -> Optional.of(globex);
      default -> Optional.empty();
    };
  }

  @Test
  void an_authenticated_request_takes_the_tenant_from_the_token_even_when_a_header_says_otherwise() {
    TenantRequest request =
        new TenantRequest(Map.of("x-bizo-tenant", "globex"), "globex.bizo.example", Map.of("tid", acme.toString(), "sub", "u1"));
    assertThat(resolution.authenticated(request)).isEqualTo(acme);
    assertThat(resolution.forPublicEndpoint(request)).contains(acme);
  }

  @Test
  void an_authenticated_request_without_a_tenant_claim_is_refused_not_resolved_from_headers() {
    TenantRequest request = new TenantRequest(Map.of("X-Bizo-Tenant", "globex"), "api.bizo.example", Map.of("sub", "u1"));
    assertThatThrownBy(() -> resolution.authenticated(request)).isInstanceOf(ForbiddenException.class);
    assertThat(resolution.forPublicEndpoint(request)).isEmpty();
  }

  @Test
  void public_endpoints_resolve_from_header_then_subdomain() {
    assertThat(resolution.forPublicEndpoint(TenantRequest.anonymous(Map.of("X-BIZO-TENANT", " Acme "), "www.bizo.example"))).contains(acme);
    assertThat(resolution.forPublicEndpoint(TenantRequest.anonymous(Map.of(), "globex.bizo.example"))).contains(globex);
    assertThat(resolution.forPublicEndpoint(TenantRequest.anonymous(Map.of(), "a.b.bizo.example"))).isEmpty();
    assertThat(resolution.forPublicEndpoint(TenantRequest.anonymous(Map.of(), "acme.evil.example"))).isEmpty();
  }

  @Test
  void an_anonymous_request_is_never_authenticated() {
    assertThatThrownBy(() -> resolution.authenticated(TenantRequest.anonymous(Map.of("X-Bizo-Tenant", "acme"), "acme.bizo.example")))
        .isInstanceOf(ForbiddenException.class)
        .extracting(e -> ((ForbiddenException) e).code())
        .isEqualTo("tenancy.no_tenant");
  }
}
