package dev.bizo.server.crm;

import dev.bizo.crm.search.BackgroundModel;
import dev.bizo.crm.search.BundledModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the one in-process search model, apart from {@link CrmWiring}: the model needs no database, so the
 * readiness check that reports its load must not create the CRM's services, whose construction fails (and
 * would log a stack trace on every probe) when the database did not start. {@link CrmWiring} schedules the load.
 */
@ApplicationScoped
public class SearchModelWiring {

  /** How long background users of the model (brand notes) wait for it to load before giving up. */
  static final Duration BACKGROUND_WAIT = Duration.ofSeconds(60);

  /** How long a stop waits for a load in progress to end. */
  static final Duration STOP_WAIT = Duration.ofSeconds(20);

  private static final Logger LOG = LoggerFactory.getLogger(SearchModelWiring.class);

  private final BackgroundModel searchModel = BundledModel.inBackground();

  /** Holds a stop signal that comes during the model's load until the load has ended (see {@link StopSignals}). */
  @PostConstruct
  void holdStopSignalsWhileLoading() {
    StopSignals.holdWhileLoading(searchModel, STOP_WAIT);
  }

  /** Lets a load in progress end before the server stops (see {@link BackgroundModel#awaitSettled}). */
  @PreDestroy
  void letALoadInProgressEnd() {
    if (searchModel.state() == BackgroundModel.State.LOADING) {
      LOG.info("Search model: still loading; the stop waits up to {} s for it to end", STOP_WAIT.toSeconds());
      if (!searchModel.awaitSettled(STOP_WAIT)) {
        LOG.warn("Search model: still loading after {} s; stopping anyway", STOP_WAIT.toSeconds());
      }
    }
  }

  /**
   * The search model (loaded off the startup path), shared by lead search and the agents. Typed as itself
   * only: as an {@code EmbeddingModel} it would clash with {@link #embeddingModel()}.
   */
  @Produces
  @Singleton
  @Typed(BackgroundModel.class)
  BackgroundModel searchModel() {
    return searchModel;
  }

  /**
   * The same model for work that may wait a little (the agents' brand notes): it waits up to {@link
   * #BACKGROUND_WAIT} for the load, then answers 503 {@code search.model_loading}.
   */
  @Produces
  @Singleton
  EmbeddingModel embeddingModel() {
    return searchModel.waitingUpTo(BACKGROUND_WAIT);
  }
}
