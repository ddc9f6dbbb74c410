package dev.bizo.server.agents;

import dev.bizo.agents.AgentRuntime;
import dev.bizo.agents.spi.RunStore;
import dev.bizo.agents.trace.InMemoryRunStore;
import dev.bizo.agents.webhooks.WebhookEndpoints;
import dev.bizo.core.config.BizoConfig;
import dev.bizo.crm.LeadService;
import dev.bizo.payments.PaymentService;
import dev.bizo.server.config.ServerSettings;
import dev.bizo.server.events.RunEvents;
import dev.bizo.tenancy.TenantSecrets;
import dev.bizo.tenancy.Transactions;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.lang.System.Logger.Level;
import java.time.Clock;

/**
 * Builds the agent runtime (offline unless {@code BIZO_LLM_BASE_URL} names a model) over the platform's
 * CRM and payments, and the tenant webhook endpoints whose deliveries the background jobs send.
 */
@ApplicationScoped
public class AgentWiring {

  private static final System.Logger LOG = System.getLogger(AgentWiring.class.getName());

  @Inject BizoConfig config;
  @Inject Transactions transactions;
  @Inject TenantSecrets secrets;
  @Inject LeadService leads;
  @Inject PaymentService payments;
  @Inject Clock clock;
  @Inject RunEvents runEvents;

  private RunStore runs;
  private AgentRuntime runtime;
  private WebhookEndpoints webhooks;

  @PostConstruct
  void build() {
    runs = runEvents.tracking(new InMemoryRunStore());
    AgentRuntime.Builder builder = AgentRuntime.builder(
            new PlatformMarketingData(leads, payments, config.require(ServerSettings.REPORTING_CURRENCY)))
        .config(config)
        .clock(clock)
        .runStore(runs);
    builder.listener(runEvents);
    runtime = builder.build();
    webhooks = WebhookEndpoints.builder(transactions, secrets).config(config).clock(clock).build();
    LOG.log(Level.INFO, "Agents: " + runtime.mode().label() + " mode"
        + (config.find(ServerSettings.LLM_BASE_URL).isPresent() ? ", LLM at BIZO_LLM_BASE_URL" : " (BIZO_LLM_BASE_URL not set)")
        + "; run traces kept in memory");
  }

  void eager(@Observes @Initialized(ApplicationScoped.class) Object event) {
    LOG.log(Level.DEBUG, () -> "Agents ready: " + runtime.mode());
  }

  // Singleton, not ApplicationScoped: these types are final and cannot be proxied.
  @Produces
  @Singleton
  AgentRuntime agentRuntime() {
    return runtime;
  }

  @Produces
  @Singleton
  RunStore runStore() {
    return runs;
  }

  @Produces
  @Singleton
  WebhookEndpoints webhookEndpoints() {
    return webhooks;
  }
}
