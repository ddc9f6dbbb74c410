package dev.bizo.server.agents;

import dev.bizo.agents.AgentRuntime;
import dev.bizo.agents.data.BrandNotes;
import dev.bizo.agents.data.CrmPaymentsMarketingData;
import dev.bizo.agents.spi.RunStore;
import dev.bizo.agents.trace.PostgresRunStore;
import dev.bizo.core.config.BizoConfig;
import dev.bizo.crm.LeadService;
import dev.bizo.payments.PaymentService;
import dev.bizo.server.config.ServerSettings;
import dev.bizo.server.events.RunEvents;
import dev.bizo.tenancy.Transactions;
import dev.langchain4j.model.embedding.EmbeddingModel;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the agent runtime (offline unless {@code BIZO_LLM_BASE_URL} names a model) over the platform's
 * CRM and payments; the webhook endpoints that deliver its finished runs are {@code WebhookWiring}'s.
 */
@ApplicationScoped
public class AgentWiring {

  private static final Logger LOG = LoggerFactory.getLogger(AgentWiring.class);

  @Inject BizoConfig config;
  @Inject Transactions transactions;
  @Inject LeadService leads;
  @Inject PaymentService payments;
  @Inject Clock clock;
  @Inject RunEvents runEvents;
  @Inject EmbeddingModel embeddingModel;

  private RunStore runs;
  private AgentRuntime runtime;
  private BrandNotes brandNotes;

  @PostConstruct
  void build() {
    runs = runEvents.tracking(new PostgresRunStore(transactions, clock));
    brandNotes = new BrandNotes(transactions, embeddingModel, clock);
    AgentRuntime.Builder builder = AgentRuntime.builder(
            CrmPaymentsMarketingData.builder(leads, payments, brandNotes)
                .currency(config.require(ServerSettings.REPORTING_CURRENCY))
                .build())
        .config(config)
        .clock(clock)
        .runStore(runs);
    builder.listener(runEvents);
    runtime = builder.build();
    LOG.info("Agents: " + runtime.mode().label() + " mode"
        + (config.find(ServerSettings.LLM_BASE_URL).isPresent() ? ", LLM at BIZO_LLM_BASE_URL" : " (BIZO_LLM_BASE_URL not set)")
        + "; run traces stored in PostgreSQL; content grounded in each tenant's brand notes");
  }

  void eager(@Observes @Initialized(ApplicationScoped.class) Object event) {
    LOG.atDebug().log(() -> "Agents ready: " + runtime.mode());
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
  BrandNotes brandNotes() {
    return brandNotes;
  }
}
