package dev.bizo.tenancy.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.bizo.core.TenantId;
import dev.bizo.tenancy.auth.AuthEvent;
import dev.bizo.tenancy.auth.spi.AuthAuditSink;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The contract of every {@link AuthAuditSink}: events of a tenant can be read back from that tenant
 * only, and events without a tenant are accepted. Implementations supply the sink, a tenant to write
 * to, and a way to read what was recorded.
 */
public abstract class AuthAuditSinkContract {

  /** The sink under test. */
  protected abstract AuthAuditSink sink();

  /** A tenant the sink may record events for (e.g. one that exists in the database). */
  protected abstract TenantId newTenant();

  /** What the sink recorded for {@code tenant}, as text lines that include action, actor and detail. */
  protected abstract List<String> recorded(TenantId tenant);

  private static AuthEvent event(AuthEvent.Type type, Optional<TenantId> tenant, String actor, String detail) {
    return new AuthEvent(type, Instant.parse("2026-01-01T00:00:00Z"), tenant, actor, Optional.of("198.51.100.4"), detail);
  }

  @Test
  void records_an_event_in_its_tenants_trail_with_action_actor_and_detail() {
    TenantId tenant = newTenant();

    sink().record(event(AuthEvent.Type.LOGIN_FAILED, Optional.of(tenant), "ann@acme.test", "wrong password"));

    assertThat(recorded(tenant)).singleElement().asString()
        .contains("auth.login_failed", "ann@acme.test", "wrong password");
  }

  @Test
  void keeps_one_tenants_events_out_of_anothers_trail() {
    TenantId a = newTenant();
    TenantId b = newTenant();

    sink().record(event(AuthEvent.Type.API_KEY_CREATED, Optional.of(a), "user-a", "key k1"));

    assertThat(recorded(b)).noneMatch(line -> line.contains("user-a"));
    assertThat(recorded(a)).anyMatch(line -> line.contains("auth.api_key_created"));
  }

  @Test
  void accepts_events_without_a_tenant() {
    assertThatCode(() -> sink().record(event(AuthEvent.Type.LOGIN_ADDRESS_BLOCKED, Optional.empty(), "x@y.test", "blocked")))
        .doesNotThrowAnyException();
  }
}
