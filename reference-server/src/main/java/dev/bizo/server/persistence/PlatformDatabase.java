package dev.bizo.server.persistence;

import dev.bizo.agents.AgentsPersistence;
import dev.bizo.core.ConfigurationException;
import dev.bizo.core.config.BizoConfig;
import dev.bizo.core.events.Outbox;
import dev.bizo.crm.CrmPersistence;
import dev.bizo.crm.search.PgVectorPersistence;
import dev.bizo.embedded.EmbeddedDatabase;
import dev.bizo.payments.PaymentService;
import dev.bizo.server.config.StartupStatus;
import dev.bizo.server.config.ServerSettings;
import dev.bizo.server.config.ServerState;
import dev.bizo.tenancy.MasterKeyring;
import dev.bizo.tenancy.PersistenceModule;
import dev.bizo.tenancy.TenancyDatabase;
import dev.bizo.tenancy.TenancySettings;
import dev.bizo.tenancy.Transactions;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Starts the platform's persistence once: the embedded PostgreSQL when {@code BIZO_DATABASE_URL} is
 * absent, then tenancy's {@link TenancyDatabase} with every wired module, and the master keyring. Shuts
 * them down in reverse order. Where the database has (or the owner can create) the {@code vector} extension,
 * the pgvector module of semantic search is migrated too ({@link #pgvector()}); the embedded default has not.
 */
@ApplicationScoped
public class PlatformDatabase {

  private static final System.Logger LOG = System.getLogger(PlatformDatabase.class.getName());

  /** This part of the startup, in {@link StartupStatus}. */
  public static final String COMPONENT = "database";

  /** Core's transactional outbox: its own migrations, no entities. */
  static final PersistenceModule CORE_MODULE =
      new PersistenceModule("core", Outbox.MIGRATION_LOCATION, "flyway_history_core", List.of());

  /** Every SDK module's persistence after core's, in migration order. */
  static final List<PersistenceModule> SDK_MODULES = sdkModules();

  private static List<PersistenceModule> sdkModules() {
    List<PersistenceModule> modules = new ArrayList<>();
    PaymentService.persistenceModules().stream().filter(m -> !m.name().equals(CORE_MODULE.name())).forEach(modules::add);
    modules.add(CrmPersistence.MODULE);
    modules.add(AgentsPersistence.MODULE);
    return List.copyOf(modules);
  }

  @Inject BizoConfig config;
  @Inject ServerState state;
  @Inject Clock clock;
  @Inject StartupStatus startup;

  private EmbeddedDatabase embedded;
  private TenancyDatabase database;
  private MasterKeyring keyring;
  private List<String> modules;
  private PgVectorPersistence.Check pgvector;

  @PostConstruct
  void start() {
    // CDI creates a bean whose start failed again on its next use: never start the database twice.
    startup.requireNoFailure(COMPONENT);
    try {
      startPersistence();
    } catch (RuntimeException e) {
      startup.failed(COMPONENT, e);
      throw e;
    }
    startup.started(COMPONENT);
  }

  private void startPersistence() {
    Path dataDir = state.dataDir();
    Optional<String> url = config.find(ServerSettings.DATABASE_URL);
    String jdbcUrl;
    String owner;
    String ownerPassword;
    String appPassword;
    if (url.isPresent()) {
      jdbcUrl = url.get();
      owner = config.require(ServerSettings.DATABASE_USER);
      ownerPassword = config.find(ServerSettings.DATABASE_PASSWORD).orElse("");
      appPassword = config.require(ServerSettings.DATABASE_APP_PASSWORD);
      LOG.log(Level.INFO, "Database: " + jdbcUrl + " (BIZO_DATABASE_URL), migrations as " + owner);
    } else {
      long started = System.nanoTime();
      embedded = EmbeddedDatabase.start(dataDir.resolve("postgres"), config.require(ServerSettings.EMBEDDED_DATABASE_PORT));
      jdbcUrl = embedded.jdbcUrl();
      owner = EmbeddedDatabase.OWNER;
      ownerPassword = "";
      // Reset at every start (the app role's password is set on each migration run); localhost only.
      appPassword = config.find(ServerSettings.DATABASE_APP_PASSWORD).orElseGet(PlatformDatabase::randomSecret);
      LOG.log(Level.INFO, "Database: embedded PostgreSQL on localhost:" + embedded.port() + ", data in "
          + embedded.dataDirectory() + " (BIZO_DATABASE_URL not set), started in " + (System.nanoTime() - started) / 1_000_000 + " ms");
    }
    String appUser = config.require(ServerSettings.DATABASE_APP_USER);
    try {
      long started = System.nanoTime();
      TenancyDatabase.Builder builder =
          TenancyDatabase.builder()
              .jdbcUrl(jdbcUrl)
              .owner(owner, ownerPassword)
              .app(appUser, appPassword)
              .poolSize(config.require(ServerSettings.DATABASE_POOL_SIZE))
              .module(CORE_MODULE)
              .clock(clock);
      SDK_MODULES.forEach(builder::module);
      pgvector = checkPgvector(jdbcUrl, owner, ownerPassword);
      if (pgvector.available()) {
        builder.module(PgVectorPersistence.MODULE);
      }
      database = builder.start();
      List<String> names = new ArrayList<>(List.of(TenancyDatabase.TENANCY_MODULE.name(), CORE_MODULE.name()));
      SDK_MODULES.forEach(m -> names.add(m.name()));
      if (pgvector.available()) {
        names.add(PgVectorPersistence.MODULE.name());
      }
      modules = List.copyOf(names);
      LOG.log(Level.INFO, "Persistence: modules " + modules + " migrated, pool of " + database.poolSize()
          + " as role " + appUser + ", Hibernate up in " + (System.nanoTime() - started) / 1_000_000 + " ms");
      keyring = masterKeyring(dataDir);
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
  }

  /** Finds the vector extension as the owner (creating it where the owner may), before the migrations. */
  private static PgVectorPersistence.Check checkPgvector(String jdbcUrl, String owner, String ownerPassword) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(jdbcUrl);
    ds.setUser(owner);
    ds.setPassword(ownerPassword);
    try (Connection c = ds.getConnection()) {
      PgVectorPersistence.Check check = PgVectorPersistence.check(c);
      LOG.log(Level.INFO, "Semantic search: " + (check.available() ? "pgvector, " : "no pgvector, ") + check.detail());
      return check;
    } catch (SQLException e) {
      throw new ConfigurationException("configuration_invalid", "Cannot look for the vector extension as " + owner
          + ": " + e.getMessage(), e);
    }
  }

  /** Starts with the application, not on first use: a broken database must fail the deployment. */
  void eager(@Observes @Initialized(ApplicationScoped.class) Object event) {
    LOG.log(Level.DEBUG, () -> "Persistence ready: " + database.appRole());
  }

  private MasterKeyring masterKeyring(Path dataDir) {
    if (config.find(TenancySettings.MASTER_KEY).isPresent()) {
      LOG.log(Level.INFO, "Master key: from BIZO_MASTER_KEY");
      return MasterKeyring.fromConfig(config);
    }
    if (embedded == null) {
      throw new ConfigurationException(
          "configuration_missing", "BIZO_MASTER_KEY is required with BIZO_DATABASE_URL (base64 of 32 random bytes)");
    }
    String key = GeneratedMasterKey.loadOrCreate(dataDir);
    LOG.log(Level.WARNING, "Master key: generated on first start, read from " + dataDir.resolve(GeneratedMasterKey.FILE_NAME)
        + " (owner-only permissions). NOT FOR PRODUCTION: set BIZO_MASTER_KEY and keep it away from the data");
    return MasterKeyring.of(Base64.getDecoder().decode(key));
  }

  private static String randomSecret() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  @PreDestroy
  void stop() {
    if (database != null) {
      database.close();
      database = null;
      LOG.log(Level.INFO, "Persistence: pool and Hibernate closed");
    }
    if (embedded != null) {
      try {
        embedded.close();
        LOG.log(Level.INFO, "Database: embedded PostgreSQL stopped");
      } catch (java.io.UncheckedIOException e) {
        LOG.log(Level.WARNING, "Embedded PostgreSQL did not stop cleanly: " + e.getMessage(), e);
      }
      embedded = null;
    }
  }

  /** Whether the database is the embedded default. */
  public boolean isEmbedded() {
    return embedded != null;
  }

  /**
   * Whether the database has pgvector (and its module was migrated), with what was found; the embedded default
   * has not.
   */
  public PgVectorPersistence.Check pgvector() {
    return pgvector;
  }

  /** The modules whose migrations ran, in order. */
  public List<String> modules() {
    return modules;
  }

  // Singleton, not ApplicationScoped: these types are final and cannot be proxied.
  @Produces
  @Singleton
  TenancyDatabase tenancyDatabase() {
    return database;
  }

  @Produces
  @Singleton
  Transactions transactions() {
    return database.transactions();
  }

  @Produces
  @Singleton
  MasterKeyring masterKeyring() {
    return keyring;
  }
}
