package dev.bizo.server.agents;

import dev.bizo.agents.AgentRuntime;
import dev.bizo.agents.data.BrandNotes;
import dev.bizo.agents.spi.RunStore;
import dev.bizo.core.config.BizoConfig;
import dev.bizo.platform.AgentsSetup;
import dev.bizo.platform.Bizo;
import dev.bizo.server.config.ServerSettings;
import dev.bizo.server.events.RunEvents;
import dev.bizo.server.persistence.AgentsSetupHandover;
import dev.langchain4j.model.embedding.EmbeddingModel;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the server's additions to the agent runtime (run progress as live events, content grounded in each tenant's
 * brand notes) to {@link Bizo}, which builds the runtime over the platform's CRM and payments as for every embedding
 * application (offline unless {@code BIZO_LLM_BASE_URL} names a model); the webhook endpoints that deliver its
 * finished runs are {@code WebhookWiring}'s.
 */
@ApplicationScoped
public class AgentWiring {

  private static final Logger LOG = LoggerFactory.getLogger(AgentWiring.class);

  @Inject BizoConfig config;
  @Inject Bizo bizo;
  @Inject AgentsSetupHandover agentsSetup;
  @Inject RunEvents runEvents;
  @Inject EmbeddingModel embeddingModel;

  private RunStore runs;
  private AgentRuntime runtime;
  private BrandNotes brandNotes;

  @PostConstruct
  void build() {
    agentsSetup.handOver(AgentsSetup.defaults()
        .withRunStore(runEvents::tracking)
        .withListener(runEvents)
        .withBrandNotes(embeddingModel));
    runtime = bizo.agents();
    runs = bizo.agentRuns();
    brandNotes = bizo.brandNotes().orElseThrow();
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
