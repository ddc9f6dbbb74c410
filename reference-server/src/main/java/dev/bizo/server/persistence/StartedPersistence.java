package dev.bizo.server.persistence;

import dev.bizo.crm.search.PgVectorPersistence;
import dev.bizo.embedded.EmbeddedDatabase;
import dev.bizo.platform.Bizo;
import dev.bizo.tenancy.MasterKeyring;
import dev.bizo.tenancy.TenancyDatabase;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's persistence once started: the embedded PostgreSQL (when no {@code BIZO_DATABASE_URL} is set),
 * tenancy's database with every module migrated, and the master keyring.
 *
 * @param bizo the platform started on it: the pool, Hibernate, the migrations' outcome and the services
 * @param keyring the master keyring
 * @param modules the modules whose migrations ran, in order
 * @param pgvector whether the database has pgvector (and its module was migrated), with what was found
 * @param agentsSetup where {@code AgentWiring} hands over the server's additions to Bizo's agent runtime
 */
record StartedPersistence(
    Bizo bizo, MasterKeyring keyring, List<String> modules,
    PgVectorPersistence.Check pgvector, AgentsSetupHandover agentsSetup) {

  private static final Logger LOG = LoggerFactory.getLogger(PlatformDatabase.class);

  StartedPersistence {
    Objects.requireNonNull(bizo, "bizo");
    Objects.requireNonNull(keyring, "keyring");
    Objects.requireNonNull(pgvector, "pgvector");
    Objects.requireNonNull(agentsSetup, "agentsSetup");
    modules = List.copyOf(modules);
  }

  /** Tenancy's database of {@link #bizo()}. */
  TenancyDatabase database() {
    return bizo.database();
  }

  /** The embedded PostgreSQL, if this server runs it (Bizo started it). */
  Optional<EmbeddedDatabase> embedded() {
    return bizo.embeddedDatabase();
  }

  /** Closes the platform: auth's throttle, the pool and Hibernate, then the embedded PostgreSQL. */
  void close() {
    boolean embedded = embedded().isPresent();
    try {
      bizo.close();
    } catch (UncheckedIOException e) {
      LOG.info("Persistence: pool and Hibernate closed");
      LOG.warn("Embedded PostgreSQL did not stop cleanly: " + e.getMessage(), e);
      return;
    }
    LOG.info("Persistence: pool and Hibernate closed");
    if (embedded) {
      LOG.info("Database: embedded PostgreSQL stopped");
    }
  }
}
