package dev.bizo.server.crm;

import dev.bizo.core.config.BizoConfig;
import dev.bizo.crm.LeadService;
import dev.bizo.crm.analytics.LeadAnalytics;
import dev.bizo.crm.search.BackgroundModel;
import dev.bizo.crm.search.BundledModel;
import dev.bizo.crm.search.HnswStore;
import dev.bizo.crm.search.LeadEmbeddingIndex;
import dev.bizo.crm.search.PgVectorStore;
import dev.bizo.crm.search.spi.LeadVectorStore;
import dev.bizo.server.config.ServerSettings;
import dev.bizo.server.config.ServerState;
import dev.bizo.server.persistence.PlatformDatabase;
import dev.bizo.tenancy.Transactions;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands out the CRM's services that {@link dev.bizo.platform.Bizo} built, exactly as for an embedding application,
 * and builds semantic search over them. The
 * search model is not loaded on the way to ready: it loads in the background {@code
 * BIZO_SEARCH_PRELOAD_DELAY} after startup, or at its first use if that comes sooner.
 *
 * <p>Semantic search ranks with pgvector ({@link PgVectorStore}) where the database has the extension, and
 * otherwise (the embedded default) with an in-process HNSW graph per tenant ({@link HnswStore}, files under
 * {@code BIZO_DATA_DIR/search-hnsw}, rebuilt in the background at each start while the exact scan answers).
 */
@ApplicationScoped
public class CrmWiring {

  private static final Logger LOG = LoggerFactory.getLogger(CrmWiring.class);

  @Inject Transactions transactions;
  @Inject Clock clock;
  @Inject BizoConfig config;
  @Inject BackgroundModel searchModel;
  @Inject PlatformDatabase platform;
  @Inject dev.bizo.platform.Bizo bizo;
  @Inject ServerState state;

  private LeadService leads;
  private LeadAnalytics analytics;
  private LeadEmbeddingIndex embeddings;
  private HnswStore graphs;

  @PostConstruct
  void build() {
    leads = bizo.leads();
    analytics = bizo.leadAnalytics();
    LeadVectorStore store;
    if (platform.pgvector().available()) {
      store = new PgVectorStore(transactions);
    } else {
      graphs = HnswStore.builder(transactions, BundledModel.DIMENSION).directory(state.dataDir().resolve("search-hnsw")).build();
      store = graphs;
    }
    embeddings = LeadEmbeddingIndex.builder(transactions, searchModel).modelName(BundledModel.NAME).clock(clock)
        .store(store).build();
  }

  /** Closes the HNSW graphs (their files are rebuilt at the next start). */
  @PreDestroy
  void close() {
    if (graphs != null) {
      graphs.close();
    }
  }

  /** At startup: schedules the model's background load, and logs when it is in. */
  void eager(@Observes @Initialized(ApplicationScoped.class) Object event) {
    Duration delay = config.require(ServerSettings.SEARCH_PRELOAD_DELAY);
    long scheduled = System.nanoTime();
    CompletableFuture.runAsync(searchModel::start, CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS));
    searchModel.whenLoaded().whenComplete((model, failure) -> {
      if (failure != null) {
        LOG.error("CRM: the search model " + BundledModel.NAME + " failed to load; searches answer 500 search.model_failed", failure);
      } else {
        LOG.info("CRM: semantic search model " + BundledModel.NAME + " loaded in the background, "
            + (System.nanoTime() - scheduled) / 1_000_000 + " ms after startup");
      }
    });
    LOG.info("CRM: leads scored by each tenant's rules (default rules until changed) or its active trained model; "
        + "semantic search with " + BundledModel.NAME + " (" + embeddings.dimension() + " dimensions, offline, "
        + embeddings.store().name() + " store), loading " + delay.toSeconds() + " s after startup or at first use (BIZO_SEARCH_PRELOAD_DELAY)");
  }

  // Singleton, not ApplicationScoped: these types are final and cannot be proxied.
  @Produces
  @Singleton
  LeadService leadService() {
    return leads;
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
