package dev.bizo.crm.search;

import dev.bizo.crm.CrmPersistence;
import dev.bizo.crm.search.tck.PgVectorServer;
import dev.bizo.tenancy.PersistenceModule;
import dev.bizo.tenancy.testkit.ForcedRowLevelSecurity;
import dev.bizo.tenancy.testkit.TestTenancy;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tables semantic search reads and writes (the stored embeddings and their queues) are under forced
 * row-level security, on the plain database and after the pgvector migration rebuilt the embedding column
 * (that one on a PostgreSQL with pgvector, {@code PGVECTOR_JDBC_URL}; skipped with the reason without one).
 */
@RealServices
class SearchRowLevelSecurityIT {

  private static final String[] SEARCH_TABLES = {"crm_lead_embedding", "crm_embedding_pending", "crm_embedding_removed"};

  @Test
  void every_search_table_is_under_forced_row_level_security(TestDatabase db) {
    TestTenancy.start(db, CrmPersistence.modules()).close();
    ForcedRowLevelSecurity.assertEveryTenantTable(db, SEARCH_TABLES);
  }

  @Test
  void the_pgvector_embedding_table_stays_under_forced_row_level_security() {
    TestDatabase db = PgVectorServer.createDatabase();
    try {
      List<PersistenceModule> modules = new ArrayList<>(CrmPersistence.modules());
      modules.add(PgVectorPersistence.MODULE);
      TestTenancy.start(db, modules).close();
      ForcedRowLevelSecurity.assertEveryTenantTable(db, SEARCH_TABLES);
    } finally {
      PgVectorServer.dropDatabase(db);
    }
  }
}
