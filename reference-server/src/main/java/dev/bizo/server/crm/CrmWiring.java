package dev.bizo.server.crm;

import dev.bizo.crm.LeadService;
import dev.bizo.crm.analytics.LeadAnalytics;
import dev.bizo.crm.search.LeadEmbeddingIndex;
import dev.bizo.crm.search.SemanticLeadSearch;
import dev.bizo.tenancy.Transactions;
import dev.langchain4j.model.embedding.EmbeddingModel;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.lang.System.Logger.Level;
import java.time.Clock;

/** Builds the CRM's services over the platform database, exactly as an embedding application would. */
@ApplicationScoped
public class CrmWiring {

  private static final System.Logger LOG = System.getLogger(CrmWiring.class.getName());

  @Inject Transactions transactions;
  @Inject Clock clock;

  private LeadService leads;
  private LeadAnalytics analytics;
  private LeadEmbeddingIndex embeddings;
  private EmbeddingModel embeddingModel;

  @PostConstruct
  void build() {
    leads = LeadService.builder(transactions).clock(clock).build();
    analytics = new LeadAnalytics(transactions);
    long started = System.nanoTime();
    embeddingModel = SemanticLeadSearch.defaultModel();
    embeddings = LeadEmbeddingIndex.builder(transactions, embeddingModel).clock(clock).build();
    LOG.log(Level.INFO, "CRM: leads scored by each tenant's rules (default rules until changed) or its active trained model; "
        + "semantic search with all-MiniLM-L6-v2 (" + embeddings.dimension() + " dimensions, loaded in "
        + (System.nanoTime() - started) / 1_000_000 + " ms, offline)");
  }

  void eager(@Observes @Initialized(ApplicationScoped.class) Object event) {
    LOG.log(Level.DEBUG, () -> "CRM ready");
  }

  // Singleton, not ApplicationScoped: these types are final and cannot be proxied.
  @Produces
  @Singleton
  LeadService leadService() {
    return leads;
  }

  /** The one in-process embedding model (about 90 MB loaded), shared by lead search and the agents' brand notes. */
  @Produces
  @Singleton
  EmbeddingModel embeddingModel() {
    return embeddingModel;
  }

  @Produces
  @Singleton
  LeadEmbeddingIndex leadEmbeddingIndex() {
    return embeddings;
  }

  @Produces
  @Singleton
  LeadAnalytics leadAnalytics() {
    return analytics;
  }
}
