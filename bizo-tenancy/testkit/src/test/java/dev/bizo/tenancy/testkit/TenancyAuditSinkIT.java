package dev.bizo.tenancy.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.core.TenantId;
import dev.bizo.tenancy.AuditEntry;
import dev.bizo.tenancy.auth.AuthEvent;
import dev.bizo.tenancy.auth.TenancyAuditSink;
import dev.bizo.tenancy.auth.spi.AuthAuditSink;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RealServices
class TenancyAuditSinkIT extends AuthAuditSinkContract {

  private static AuthTenancy tenancy;

  @BeforeAll
  static void start(TestDatabase db) {
    tenancy = new AuthTenancy(db);
  }

  @AfterAll
  static void stop() {
    tenancy.close();
  }

  @Override
  protected AuthAuditSink sink() {
    return new TenancyAuditSink(tenancy.audit);
  }

  @Override
  protected TenantId newTenant() {
    return TestTenancy.newTenant(tenancy.database);
  }

  @Override
  protected List<String> recorded(TenantId tenant) {
    return tenancy.audit.recent(tenant, 100).stream()
        .filter(e -> e.action().startsWith("auth."))
        .map(e -> e.action() + " " + e.actor() + " " + e.detail().orElse(""))
        .toList();
  }

  @Test
  void writes_the_client_address_into_the_detail() {
    TenantId tenant = newTenant();

    sink().record(new AuthEvent(AuthEvent.Type.LOGIN_SUCCEEDED, java.time.Instant.now(), java.util.Optional.of(tenant),
        "user-1", java.util.Optional.of("203.0.113.9"), "password"));

    assertThat(tenancy.audit.recent(tenant, 10)).filteredOn(e -> e.action().equals("auth.login_succeeded"))
        .singleElement().extracting(AuditEntry::detail).isEqualTo(java.util.Optional.of("password from 203.0.113.9"));
  }
}
