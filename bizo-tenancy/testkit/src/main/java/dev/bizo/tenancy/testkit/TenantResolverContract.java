package dev.bizo.tenancy.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.core.TenantId;
import dev.bizo.tenancy.spi.TenantRequest;
import dev.bizo.tenancy.spi.TenantResolver;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link TenantResolver}. Extend it for each implementation; supply the resolver, a
 * request that names a tenant it knows, and a request that names none.
 */
public abstract class TenantResolverContract {

  /** The resolver under test. */
  protected abstract TenantResolver resolver();

  /** A request through which {@link #resolver()} finds {@code tenant}. */
  protected abstract TenantRequest requestNaming(TenantId tenant);

  /** A tenant the resolver knows. */
  protected abstract TenantId knownTenant();

  /** A request that names no tenant the resolver knows. */
  protected abstract TenantRequest requestNamingNoTenant();

  @Test
  void resolves_the_tenant_the_request_names() {
    assertThat(resolver().resolve(requestNaming(knownTenant()))).contains(knownTenant());
  }

  @Test
  void answers_empty_when_the_request_names_no_known_tenant() {
    assertThat(resolver().resolve(requestNamingNoTenant())).isEmpty();
  }

  @Test
  void has_a_stable_non_blank_id() {
    assertThat(resolver().id()).isNotBlank().isEqualTo(resolver().id());
  }

  @Test
  void a_verified_resolver_ignores_client_controlled_input() {
    TenantRequest named = requestNaming(knownTenant());
    if (resolver().fromVerifiedCredential()) {
      TenantRequest unverified = TenantRequest.anonymous(named.headers(), named.host());
      assertThat(resolver().resolve(unverified)).isEmpty();
    } else {
      TenantRequest claimsOnly = new TenantRequest(Map.of(), "unrelated.invalid", named.verifiedClaims());
      Optional<TenantId> resolved = resolver().resolve(claimsOnly);
      assertThat(resolved).as("an untrusted resolver reads headers or host, not claims").isEmpty();
    }
  }

  @Test
  void is_safe_to_call_from_many_threads() throws InterruptedException {
    TenantRequest request = requestNaming(knownTenant());
    Optional<TenantId>[] results = new Optional[8];
    Thread[] threads = new Thread[results.length];
    for (int i = 0; i < threads.length; i++) {
      int slot = i;
      threads[i] = new Thread(() -> results[slot] = resolver().resolve(request));
      threads[i].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(results).containsOnly(Optional.of(knownTenant()));
  }
}
