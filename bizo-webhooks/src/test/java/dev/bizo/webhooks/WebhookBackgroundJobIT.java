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
import dev.bizo.tenancy.Tenants;
import dev.bizo.tenancy.Users;
import dev.bizo.tenancy.jobs.BackgroundJobs;
import dev.bizo.tenancy.testkit.TestTenancy;
import dev.bizo.testkit.Eventually;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestDatabase;
import dev.bizo.webhooks.testing.LocalReceiver;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link WebhookEndpoints#deliverDue} registered with tenancy's {@code BackgroundJobs}, as the reference
 * server wires it: the job visits every active tenant and delivers only that tenant's events.
 */
@RealServices
class WebhookBackgroundJobIT {

  @Test
  void a_recurring_job_delivers_each_tenants_events_to_that_tenants_endpoint(TestDatabase db) throws Exception {
    Clock clock = Clock.systemUTC();
    try (TenancyDatabase database = TestTenancy.start(db, WebhooksPersistence.modules());
        LocalReceiver receiver = new LocalReceiver()) {
      byte[] masterKey = new byte[32];
      masterKey[0] = 1;
      AuditLog audit = new AuditLog(database.transactions(), clock);
      TenantSecrets secrets = new TenantSecrets(database.transactions(), MasterKeyring.of(masterKey), audit, clock);
      WebhookEndpoints webhooks = WebhookEndpoints.builder(database.transactions(), secrets)
          .config(BizoConfig.of(Map.of("bizo.webhooks.allowed-hosts", "127.0.0.1")))
          .build();
      for (int i = 0; i < 2; i++) {
        TenantId tenant = TestTenancy.newTenant(database);
        webhooks.register(Principal.of(tenant, "owner", Role.OWNER),
            EndpointRegistration.of(receiver.url("/t/" + i), "lead.created"));
        DomainEvent event = DomainEvent.builder(tenant, "lead.created", clock).aggregate("lead", "L-" + i)
            .payload("{\"n\":" + i + "}").build();
        database.transactions().inTenantJdbc(tenant, c -> {
          Outbox.append(c, event);
          return null;
        });
      }
      Tenants directory = new Tenants(database.transactions(), new Users(database.transactions(), audit, clock), audit,
          clock);

      try (BackgroundJobs jobs = BackgroundJobs.builder(database, directory)
          .perTenant("webhooks.deliver", Duration.ofHours(1), tenant -> webhooks.deliverDue(tenant, 100))
          .pollingInterval(Duration.ofMillis(200))
          .start()) {
        jobs.triggerNow("webhooks.deliver");
        Eventually.within(Duration.ofSeconds(60), "both tenants' deliveries received", () -> receiver.received().size() >= 2);
      }

      assertThat(receiver.received("/t/0")).singleElement().satisfies(r -> assertThat(r.body()).contains("\"n\":0"));
      assertThat(receiver.received("/t/1")).singleElement().satisfies(r -> assertThat(r.body()).contains("\"n\":1"));
    }
  }
}
