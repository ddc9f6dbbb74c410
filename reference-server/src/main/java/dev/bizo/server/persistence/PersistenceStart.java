package dev.bizo.server.persistence;

import dev.bizo.core.ConfigurationException;
import dev.bizo.core.config.BizoConfig;
import dev.bizo.crm.search.PgVectorPersistence;
import dev.bizo.platform.BeforeMigrations;
import dev.bizo.platform.Bizo;
import dev.bizo.platform.DatabaseLogin;
import dev.bizo.platform.ReachableDatabase;
import dev.bizo.server.config.ServerSettings;
import dev.bizo.server.payments.PaymentWiring;
import dev.bizo.tenancy.PersistenceModule;
import dev.bizo.tenancy.TenancySettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the platform's persistence from configuration alone (no CDI), so that it can begin while WildFly is still
 * starting the rest of the deployment: see {@link EarlyPersistenceStart}.
 */
final class PersistenceStart {

  private static final Logger LOG = LoggerFactory.getLogger(PlatformDatabase.class);

  private PersistenceStart() {}

  /**
   * Starts the platform through {@link Bizo}, the front door an embedding application uses: the embedded
   * PostgreSQL when {@code BIZO_DATABASE_URL} is absent, tenancy's database with every module migrated (pgvector's
   * only where the database has the {@code vector} extension, checked before the migrations), tenancy's services,
   * auth, payments, the CRM, webhooks and agents, over the master keyring. Bizo stops whatever started when a later
   * step fails.
   */
  static StartedPersistence start(BizoConfig config, Path dataDir, Clock clock) {
    Optional<String> url = config.find(ServerSettings.DATABASE_URL);
    String appUser = config.require(ServerSettings.DATABASE_APP_USER);
    Bizo.Builder builder = Bizo.builder();
    if (url.isPresent()) {
      requireMasterKeyWithDatabaseUrl(config);
      String owner = config.require(ServerSettings.DATABASE_USER);
      builder.database(url.get(),
          DatabaseLogin.of(owner, config.find(ServerSettings.DATABASE_PASSWORD).orElse("")),
          DatabaseLogin.of(appUser, config.require(ServerSettings.DATABASE_APP_PASSWORD)));
      LOG.info("Database: " + url.get() + " (BIZO_DATABASE_URL), migrations as " + owner);
    } else {
      builder.embedded(dataDir);
      int port = config.require(ServerSettings.EMBEDDED_DATABASE_PORT);
      if (port > 0) {
        builder.embeddedPort(port);
      }
      // Reset at every start (the app role's password is set on each migration run); localhost only.
      config.find(ServerSettings.DATABASE_APP_PASSWORD).ifPresentOrElse(
          password -> builder.embeddedApp(DatabaseLogin.of(appUser, password)), () -> builder.embeddedApp(appUser));
    }
    SemanticSearchChoice semanticSearch = new SemanticSearchChoice();
    AgentsSetupHandover agentsSetup = new AgentsSetupHandover();
    builder
        .poolSize(config.require(ServerSettings.DATABASE_POOL_SIZE))
        .config(config)
        .clock(clock)
        .payments(config.require(ServerSettings.PAYMENTS_DEFAULT_GATEWAY))
        .paymentsReconciliation(PaymentWiring.schedule(config.find(ServerSettings.PAYMENTS_RECONCILE_DELAYS)))
        .paymentsDuplicateWait(config.require(ServerSettings.PAYMENTS_DUPLICATE_WAIT))
        .crm()
        .webhooks()
        // AgentWiring hands over the server's additions (run events, brand notes) before it asks for the runtime.
        .agents(config.require(ServerSettings.REPORTING_CURRENCY), agentsSetup)
        .beforeMigrations(semanticSearch);
    Bizo bizo = builder.start();
    LOG.info("Persistence: modules " + bizo.modules() + " migrated, pool of " + bizo.database().poolSize()
        + " as role " + appUser + ", Hibernate up in " + (System.nanoTime() - semanticSearch.reached) / 1_000_000 + " ms");
    return new StartedPersistence(bizo, bizo.masterKeyring(), bizo.modules(), semanticSearch.check, agentsSetup);
  }

  /**
   * Runs once the database is reachable, before the migrations: reports the embedded PostgreSQL, then finds the
   * vector extension as the owner (creating it where the owner may) and migrates pgvector's module where it is.
   */
  private static final class SemanticSearchChoice implements BeforeMigrations {

    private final long created = System.nanoTime();
    private long reached;
    private PgVectorPersistence.Check check;

    @Override
    public List<PersistenceModule> modules(ReachableDatabase database) {
      reached = System.nanoTime();
      database.embedded().ifPresent(embedded -> LOG.info("Database: embedded PostgreSQL on localhost:" + embedded.port()
          + ", data in " + embedded.dataDirectory() + " (BIZO_DATABASE_URL not set), started in "
          + (reached - created) / 1_000_000 + " ms"));
      try (Connection c = database.connectAsOwner()) {
        check = PgVectorPersistence.check(c);
      } catch (SQLException e) {
        throw new ConfigurationException("configuration_invalid", "Cannot look for the vector extension as "
            + database.owner().user() + ": " + e.getMessage(), e);
      }
      LOG.info("Semantic search: " + (check.available() ? "pgvector, " : "no pgvector, ") + check.detail());
      reached = System.nanoTime();
      return check.available() ? List.of(PgVectorPersistence.MODULE) : List.of();
    }
  }

  /**
   * The master key comes from {@code BIZO_MASTER_KEY}, or on the embedded default from Bizo, which generates it
   * into the data directory; with {@code BIZO_DATABASE_URL} it is required.
   */
  private static void requireMasterKeyWithDatabaseUrl(BizoConfig config) {
    if (config.find(TenancySettings.MASTER_KEY).isEmpty()) {
      throw new ConfigurationException(
          "configuration_missing", "BIZO_MASTER_KEY is required with BIZO_DATABASE_URL (base64 of 32 random bytes)");
    }
  }
}
