package dev.bizo.server.persistence;

import dev.bizo.crm.search.PgVectorPersistence;
import dev.bizo.embedded.EmbeddedDatabase;
import dev.bizo.platform.Bizo;
import dev.bizo.tenancy.MasterKeyring;
import dev.bizo.tenancy.TenancyDatabase;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's persistence once started: the embedded PostgreSQL (when no {@code BIZO_DATABASE_URL} is set),
 * tenancy's database with every module migrated, and the master keyring.
 *
 * @param embedded the embedded PostgreSQL, if this server runs it
 * @param bizo the platform started on it: the pool, Hibernate, the migrations' outcome and the services
 * @param keyring the master keyring
 * @param modules the modules whose migrations ran, in order
 * @param pgvector whether the database has pgvector (and its module was migrated), with what was found
 */
record StartedPersistence(
    Optional<EmbeddedDatabase> embedded, Bizo bizo, MasterKeyring keyring, List<String> modules,
    PgVectorPersistence.Check pgvector) {

  private static final Logger LOG = LoggerFactory.getLogger(PlatformDatabase.class);

  StartedPersistence {
    Objects.requireNonNull(embedded, "embedded");
    Objects.requireNonNull(bizo, "bizo");
    Objects.requireNonNull(keyring, "keyring");
    Objects.requireNonNull(pgvector, "pgvector");
    modules = List.copyOf(modules);
  }

  /** Tenancy's database of {@link #bizo()}. */
  TenancyDatabase database() {
    return bizo.database();
  }

  /** Closes the platform (auth's throttle, the pool and Hibernate), then stops the embedded PostgreSQL. */
  void close() {
    bizo.close();
    LOG.info("Persistence: pool and Hibernate closed");
    embedded.ifPresent(StartedPersistence::stop);
  }

  static void stop(EmbeddedDatabase embedded) {
    try {
      embedded.close();
      LOG.info("Database: embedded PostgreSQL stopped");
    } catch (java.io.UncheckedIOException e) {
      LOG.warn("Embedded PostgreSQL did not stop cleanly: " + e.getMessage(), e);
    }
  }
}
