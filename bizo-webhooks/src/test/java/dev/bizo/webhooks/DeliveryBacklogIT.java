package dev.bizo.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.core.TenantId;
import dev.bizo.core.config.BizoConfig;
import dev.bizo.core.events.DomainEvent;
import dev.bizo.core.events.Outbox;
import dev.bizo.tenancy.AuditLog;
import dev.bizo.tenancy.MasterKeyring;
import dev.bizo.tenancy.Principal;
import dev.bizo.tenancy.Role;
import dev.bizo.tenancy.TenancyDatabase;
import dev.bizo.tenancy.TenantSecrets;
import dev.bizo.tenancy.testkit.TestTenancy;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestDatabase;
import dev.bizo.webhooks.internal.WebhookTables;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link WebhookEndpoints#deliveryBacklog()} counts every tenant's due deliveries through the system scope and
 * measures the oldest one's wait by the database's clock; deliveries not yet due and finished ones do not count.
 */
@RealServices
class DeliveryBacklogIT {

  @Test
  void counts_due_deliveries_of_every_tenant_and_the_oldest_ones_wait(TestDatabase db) {
    try (TenancyDatabase database = TestTenancy.start(db, WebhooksPersistence.modules())) {
      Clock clock = Clock.systemUTC();
      TenantSecrets secrets = new TenantSecrets(database.transactions(), MasterKeyring.of(new byte[32]),
          new AuditLog(database.transactions(), clock), clock);
      WebhookEndpoints webhooks = WebhookEndpoints.builder(database.transactions(), secrets)
          .config(BizoConfig.of(Map.of("bizo.webhooks.allowed-hosts", "127.0.0.1"))).build();
      assertThat(webhooks.deliveryBacklog()).isEqualTo(DeliveryBacklog.NONE);

      Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
      tenantWithDeliveries(database, webhooks, 2, now.minus(Duration.ofHours(1)));
      tenantWithDeliveries(database, webhooks, 1, now.minus(Duration.ofMinutes(10)));
      tenantWithDeliveries(database, webhooks, 3, now.plus(Duration.ofHours(1)));

      DeliveryBacklog backlog = webhooks.deliveryBacklog();

      assertThat(backlog.due()).isEqualTo(3);
      assertThat(backlog.oldestWaiting()).isBetween(Duration.ofHours(1), Duration.ofHours(1).plusMinutes(5));
    }
  }

  /** A tenant with one endpoint and {@code events} deliveries whose first attempt is due at {@code dueAt}. */
  private static void tenantWithDeliveries(TenancyDatabase database, WebhookEndpoints webhooks, int events,
      Instant dueAt) {
    TenantId tenant = TestTenancy.newTenant(database);
    webhooks.register(Principal.of(tenant, "owner-1", Role.OWNER),
        EndpointRegistration.of(URI.create("http://127.0.0.1:9/hooks"), "lead.created"));
    for (int i = 0; i < events; i++) {
      DomainEvent event = DomainEvent.builder(tenant, "lead.created", Clock.systemUTC()).aggregate("lead", "L-" + i)
          .payload("{}").build();
      database.transactions().inTenantJdbc(tenant, c -> {
        Outbox.append(c, event);
        return null;
      });
    }
    int created = database.transactions().inTenantJdbc(tenant, c -> WebhookTables.fanOut(c, tenant, 100, dueAt));
    assertThat(created).isEqualTo(events);
  }
}
