package dev.bizo.agents.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bizo.agents.AgentResult;
import dev.bizo.agents.AgentRuntime;
import dev.bizo.agents.AgentTask;
import dev.bizo.agents.AgentsPersistence;
import dev.bizo.agents.LeadRanking;
import dev.bizo.agents.spi.DayRange;
import dev.bizo.agents.testing.FixtureMarketingData;
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
import dev.bizo.testkit.MutableClock;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestDatabase;
import dev.bizo.webhooks.EndpointRegistration;
import dev.bizo.webhooks.WebhookEndpoints;
import dev.bizo.webhooks.testing.LocalReceiver;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Agents are a client of bizo-webhooks like any other: a finished run's {@code agent_run.finished} outbox event
 * reaches a tenant's endpoint through {@link WebhookEndpoints}, on a database migrated with
 * {@link AgentsPersistence#modules()}.
 */
@RealServices
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunFinishedWebhookIT {

  private TenancyDatabase database;

  @BeforeAll
  void start(TestDatabase db) {
    database = TestTenancy.start(db, AgentsPersistence.modules());
  }

  @AfterAll
  void stop() {
    database.close();
  }

  @Test
  void a_finished_agent_run_reaches_the_endpoint_as_an_agent_run_finished_webhook() throws Exception {
    MutableClock clock = MutableClock.startingAtNewYear();
    TenantId tenant = TestTenancy.newTenant(database);
    byte[] masterKey = new byte[32];
    new SplittableRandom(7).nextBytes(masterKey);
    TenantSecrets secrets = new TenantSecrets(database.transactions(), MasterKeyring.of(masterKey),
        new AuditLog(database.transactions(), clock), clock);
    WebhookEndpoints webhooks = WebhookEndpoints.builder(database.transactions(), secrets)
        .clock(clock)
        .random(new SplittableRandom(11))
        .config(BizoConfig.of(Map.of("bizo.webhooks.allowed-hosts", "127.0.0.1")))
        .build();
    try (LocalReceiver receiver = new LocalReceiver()) {
      String path = "/hooks/runs";
      webhooks.register(Principal.of(tenant, "owner-1", Role.OWNER),
          EndpointRegistration.of(receiver.url(path), PostgresRunStore.RUN_FINISHED));
      DomainEvent other = DomainEvent.builder(tenant, "lead.created", clock).aggregate("lead", "L-1").payload("{}").build();
      database.transactions().inTenantJdbc(tenant, c -> {
        Outbox.append(c, other);
        return null;
      });
      AgentRuntime runtime = AgentRuntime.builder(FixtureMarketingData.standard(tenant))
          .config(BizoConfig.of(Map.of()))
          .clock(clock)
          .runStore(new PostgresRunStore(database.transactions(), clock))
          .build();

      AgentResult<LeadRanking> result = runtime.leadScorer(tenant,
          AgentTask.builder("rank the open leads", DayRange.month(2026, 1)).build());

      assertThat(webhooks.deliverDue(tenant, 10).delivered()).isEqualTo(1);
      JsonNode body = new ObjectMapper().readTree(receiver.received(path).get(0).body());
      assertThat(body.get("type").asText()).isEqualTo("agent_run.finished");
      assertThat(body.get("data").get("runId").asText()).isEqualTo(result.trace().id().toString());
      assertThat(body.get("data").get("status").asText()).isEqualTo("SUCCEEDED");
    }
  }
}
