package dev.bizo.platform;

import dev.bizo.tenancy.PersistenceModule;
import java.sql.SQLException;
import java.util.List;

/**
 * Chooses further modules once the database is reachable and before any migration runs: for example the reference
 * server migrates crm-search's pgvector module only where the database has (or its owner can create) the
 * {@code vector} extension, which it can only find out on a connection. Registered with
 * {@link Bizo.Builder#beforeMigrations}; runs once per {@link Bizo.Builder#start()}, on the starting thread, after the
 * embedded PostgreSQL (if any) has started.
 */
@FunctionalInterface
public interface BeforeMigrations {

  /**
   * The modules to migrate after the capabilities' and {@link Bizo.Builder#module}'s, in order; empty for none.
   * Whatever started is stopped again when this throws.
   *
   * @param database the reachable database, with a way to connect as its owner
   * @throws SQLException when the database cannot be asked; start fails with a
   *     {@link dev.bizo.core.ConfigurationException} ({@code configuration_invalid})
   */
  List<PersistenceModule> modules(ReachableDatabase database) throws SQLException;
}
