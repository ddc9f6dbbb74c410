package dev.bizo.server.persistence;

import dev.bizo.agents.AgentsPersistence;
import dev.bizo.core.ConfigurationException;
import dev.bizo.core.config.BizoConfig;
import dev.bizo.crm.search.PgVectorPersistence;
import dev.bizo.embedded.EmbeddedDatabase;
import dev.bizo.platform.Bizo;
import dev.bizo.platform.DatabaseLogin;
import dev.bizo.server.config.ServerSettings;
import dev.bizo.server.payments.PaymentWiring;
import dev.bizo.tenancy.MasterKeyring;
import dev.bizo.tenancy.TenancySettings;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import org.postgresql.ds.PGSimpleDataSource;
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
   * Starts the embedded PostgreSQL when {@code BIZO_DATABASE_URL} is absent, then the platform through {@link Bizo},
   * the front door an embedding application uses: tenancy's database with every module migrated, tenancy's services,
   * auth, payments, the CRM and webhooks, over the master keyring. Whatever started is stopped again when a later
   * step fails.
   */
  static StartedPersistence start(BizoConfig config, Path dataDir, Clock clock) {
    Optional<String> url = config.find(ServerSettings.DATABASE_URL);
    EmbeddedDatabase embedded = null;
    String jdbcUrl;
    String owner;
    String ownerPassword;
    String appPassword;
    if (url.isPresent()) {
      jdbcUrl = url.get();
      owner = config.require(ServerSettings.DATABASE_USER);
      ownerPassword = config.find(ServerSettings.DATABASE_PASSWORD).orElse("");
      appPassword = config.require(ServerSettings.DATABASE_APP_PASSWORD);
      LOG.info("Database: " + jdbcUrl + " (BIZO_DATABASE_URL), migrations as " + owner);
    } else {
      long started = System.nanoTime();
      embedded = EmbeddedDatabase.start(dataDir.resolve("postgres"), config.require(ServerSettings.EMBEDDED_DATABASE_PORT));
      jdbcUrl = embedded.jdbcUrl();
      owner = EmbeddedDatabase.OWNER;
      ownerPassword = "";
      // Reset at every start (the app role's password is set on each migration run); localhost only.
      appPassword = config.find(ServerSettings.DATABASE_APP_PASSWORD).orElseGet(PersistenceStart::randomSecret);
      LOG.info("Database: embedded PostgreSQL on localhost:" + embedded.port() + ", data in "
          + embedded.dataDirectory() + " (BIZO_DATABASE_URL not set), started in " + (System.nanoTime() - started) / 1_000_000 + " ms");
    }
    String appUser = config.require(ServerSettings.DATABASE_APP_USER);
    try {
      long started = System.nanoTime();
      MasterKeyring keyring = masterKeyring(config, dataDir, embedded != null);
      Bizo.Builder builder = Bizo.builder()
          .database(jdbcUrl, DatabaseLogin.of(owner, ownerPassword), DatabaseLogin.of(appUser, appPassword))
          .poolSize(config.require(ServerSettings.DATABASE_POOL_SIZE))
          .config(config)
          .clock(clock)
          .masterKey(keyring)
          .payments(config.require(ServerSettings.PAYMENTS_DEFAULT_GATEWAY))
          .paymentsReconciliation(PaymentWiring.schedule(config.find(ServerSettings.PAYMENTS_RECONCILE_DELAYS)))
          .paymentsDuplicateWait(config.require(ServerSettings.PAYMENTS_DUPLICATE_WAIT))
          .crm()
          .webhooks()
          // The agents' runtime is AgentWiring's (run events, brand notes); their tables migrate here.
          .module(AgentsPersistence.MODULE);
      PgVectorPersistence.Check pgvector = checkPgvector(jdbcUrl, owner, ownerPassword);
      if (pgvector.available()) {
        builder.module(PgVectorPersistence.MODULE);
      }
      Bizo bizo = builder.start();
      LOG.info("Persistence: modules " + bizo.modules() + " migrated, pool of " + bizo.database().poolSize()
          + " as role " + appUser + ", Hibernate up in " + (System.nanoTime() - started) / 1_000_000 + " ms");
      return new StartedPersistence(Optional.ofNullable(embedded), bizo, keyring, bizo.modules(), pgvector);
    } catch (RuntimeException e) {
      if (embedded != null) {
        StartedPersistence.stop(embedded);
      }
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
      LOG.info("Semantic search: " + (check.available() ? "pgvector, " : "no pgvector, ") + check.detail());
      return check;
    } catch (SQLException e) {
      throw new ConfigurationException("configuration_invalid", "Cannot look for the vector extension as " + owner
          + ": " + e.getMessage(), e);
    }
  }

  private static MasterKeyring masterKeyring(BizoConfig config, Path dataDir, boolean embedded) {
    if (config.find(TenancySettings.MASTER_KEY).isPresent()) {
      LOG.info("Master key: from BIZO_MASTER_KEY");
      return MasterKeyring.fromConfig(config);
    }
    if (!embedded) {
      throw new ConfigurationException(
          "configuration_missing", "BIZO_MASTER_KEY is required with BIZO_DATABASE_URL (base64 of 32 random bytes)");
    }
    String key = GeneratedMasterKey.loadOrCreate(dataDir);
    LOG.warn("Master key: generated on first start, read from " + dataDir.resolve(GeneratedMasterKey.FILE_NAME)
        + " (owner-only permissions). NOT FOR PRODUCTION: set BIZO_MASTER_KEY and keep it away from the data");
    return MasterKeyring.of(Base64.getDecoder().decode(key));
  }

  private static String randomSecret() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
