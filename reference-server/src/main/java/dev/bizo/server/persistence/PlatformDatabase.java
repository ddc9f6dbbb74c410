package dev.bizo.server.persistence;

import dev.bizo.core.config.BizoConfig;
import dev.bizo.crm.search.PgVectorPersistence;
import dev.bizo.platform.Bizo;
import dev.bizo.server.config.StartupStatus;
import dev.bizo.server.config.ServerState;
import dev.bizo.tenancy.MasterKeyring;
import dev.bizo.tenancy.TenancyDatabase;
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
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's persistence, started once: the embedded PostgreSQL when {@code BIZO_DATABASE_URL} is
 * absent, then tenancy's {@link TenancyDatabase} with every wired module, and the master keyring
 * ({@link PersistenceStart}). Where the database has (or the owner can create) the {@code vector} extension,
 * the pgvector module of semantic search is migrated too ({@link #pgvector()}); the embedded default has not. Usually {@link EarlyPersistenceStart} has begun all that while CDI was still
 * discovering beans, and this bean takes the outcome. Shuts them down in reverse order.
 */
@ApplicationScoped
public class PlatformDatabase {

  private static final Logger LOG = LoggerFactory.getLogger(PlatformDatabase.class);

  /** This part of the startup, in {@link StartupStatus}. */
  public static final String COMPONENT = "database";

  @Inject BizoConfig config;
  @Inject ServerState state;
  @Inject Clock clock;
  @Inject StartupStatus startup;

  @Inject EarlyPersistenceStart early;

  private StartedPersistence started;

  @PostConstruct
  void start() {
    // CDI creates a bean whose start failed again on its next use: never start the database twice.
    startup.requireNoFailure(COMPONENT);
    try {
      started = early.take().orElseGet(() -> PersistenceStart.start(config, state.dataDir(), clock));
    } catch (RuntimeException e) {
      startup.failed(COMPONENT, e);
      throw e;
    }
    startup.started(COMPONENT);
  }

  /** Starts with the application, not on first use: a broken database must fail the deployment. */
  void eager(@Observes @Initialized(ApplicationScoped.class) Object event) {
    LOG.atDebug().log(() -> "Persistence ready: " + started.database().appRole());
  }

  @PreDestroy
  void stop() {
    if (started != null) {
      started.close();
      started = null;
    }
  }

  /** Whether the database is the embedded default. */
  public boolean isEmbedded() {
    return started.embedded().isPresent();
  }

  /**
   * Whether the database has pgvector (and its module was migrated), with what was found; the embedded default
   * has not.
   */
  public PgVectorPersistence.Check pgvector() {
    return started.pgvector();
  }

  /** The modules whose migrations ran, in order. */
  public List<String> modules() {
    return started.modules();
  }

  // Singleton, not ApplicationScoped: these types are final and cannot be proxied.
  @Produces
  @Singleton
  TenancyDatabase tenancyDatabase() {
    return started.database();
  }

  /** The platform started through the embedders' front door; the wiring classes take their services from it. */
  @Produces
  @Singleton
  Bizo bizo() {
    return started.bizo();
  }

  @Produces
  @Singleton
  Transactions transactions() {
    return started.database().transactions();
  }

  /** Where AgentWiring hands its additions (run events, brand notes) to Bizo's agent runtime. */
  @Produces
  @Singleton
  AgentsSetupHandover agentsSetup() {
    return started.agentsSetup();
  }

  @Produces
  @Singleton
  MasterKeyring masterKeyring() {
    return started.keyring();
  }
}
