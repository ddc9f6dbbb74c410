package dev.bizo.crm.search;

import dev.bizo.crm.search.spi.LeadVectorStore;
import dev.bizo.crm.search.tck.LeadSearchContract;
import dev.bizo.crm.search.tck.PgVectorServer;
import dev.bizo.tenancy.PersistenceModule;
import dev.bizo.tenancy.TenancyDatabase;
import dev.bizo.testkit.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The pgvector store passes the search contract, cross-tenant cases included, on a PostgreSQL with pgvector
 * ({@code PGVECTOR_JDBC_URL}; skipped with the reason without one).
 */
@EnabledIfEnvironmentVariable(named = PgVectorServer.VARIABLE, matches = ".+", disabledReason = PgVectorServer.NOT_SET)
class PgVectorStoreIT extends LeadSearchContract {

  @Override
  protected TestDatabase database(TestDatabase testKits) {
    return PgVectorServer.createDatabase();
  }

  @Override
  protected void releaseDatabase(TestDatabase db) {
    PgVectorServer.dropDatabase(db);
  }

  @Override
  protected List<PersistenceModule> extraModules() {
    return List.of(PgVectorPersistence.MODULE);
  }

  @Override
  protected LeadVectorStore store(TenancyDatabase database) {
    return new PgVectorStore(database.transactions());
  }
}
