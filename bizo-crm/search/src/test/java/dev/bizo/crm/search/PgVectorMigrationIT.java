package dev.bizo.crm.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.core.TenantId;
import dev.bizo.core.vector.VectorMatch;
import dev.bizo.crm.CrmPersistence;
import dev.bizo.crm.Lead;
import dev.bizo.crm.LeadId;
import dev.bizo.crm.LeadService;
import dev.bizo.crm.search.spi.LeadVector;
import dev.bizo.crm.search.tck.PgVectorServer;
import dev.bizo.tenancy.PersistenceModule;
import dev.bizo.tenancy.TenancyDatabase;
import dev.bizo.tenancy.testkit.TestTenancy;
import dev.bizo.testkit.MutableClock;
import dev.bizo.testkit.TestDatabase;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Turning pgvector on for a database that already has embeddings: the migration moves the {@code bytea}
 * vectors into the {@code vector} column bit for bit, and the store then finds them, one tenant at a time;
 * and a tenant with a tiny share of a large table still finds all its leads beside one the shared HNSW index serves.
 */
@EnabledIfEnvironmentVariable(named = PgVectorServer.VARIABLE, matches = ".+", disabledReason = PgVectorServer.NOT_SET)
class PgVectorMigrationIT {

  private final MutableClock clock = MutableClock.startingAtNewYear();
  private TestDatabase db;

  @BeforeEach
  void createDatabase() {
    db = PgVectorServer.createDatabase();
  }

  @AfterEach
  void dropDatabase() {
    PgVectorServer.dropDatabase(db);
  }

  @Test
  void existing_bytea_embeddings_move_to_the_vector_column_exactly_and_are_searched_per_tenant() throws Exception {
    Random random = new Random(3);
    Map<UUID, float[]> before = new HashMap<>();
    TenantId mine;
    TenantId theirs;
    List<LeadId> myLeads = new ArrayList<>();
    try (TenancyDatabase exactOnly = TestTenancy.start(db, CrmPersistence.modules())) {
      LeadService leads = LeadService.builder(exactOnly.transactions()).clock(clock).build();
      ExactScanStore exact = new ExactScanStore(exactOnly.transactions(), PgVectorStore.DIMENSION, 2);
      mine = TestTenancy.newTenant(exactOnly);
      theirs = TestTenancy.newTenant(exactOnly);
      for (TenantId t : List.of(mine, theirs)) {
        List<LeadVector> vectors = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          LeadId id = leads.create(t, Lead.builder(t, clock).name("Lead " + i).build()).id();
          float[] v = new float[PgVectorStore.DIMENSION];
          for (int d = 0; d < v.length; d++) {
            v[d] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(9) - 6));
          }
          v[0] = Float.MIN_VALUE; // a subnormal
          v[1] = -0.0f;
          before.put(id.value(), v);
          vectors.add(new LeadVector(id, v, "hash", "test-model", clock.instant()));
          if (t.equals(mine)) {
            myLeads.add(id);
          }
        }
        exactOnly.transactions().inTenantJdbc(t, c -> {
          exact.store(c, t, vectors);
          return null;
        });
      }
    }

    List<PersistenceModule> modules = new ArrayList<>(CrmPersistence.modules());
    modules.add(PgVectorPersistence.MODULE);
    try (TenancyDatabase withPgvector = TestTenancy.start(db, modules);
        Connection c = db.connect();
        PreparedStatement p = c.prepareStatement("select lead_id, embedding::real[] from crm_lead_embedding");
        ResultSet rs = p.executeQuery()) {
      int rows = 0;
      while (rs.next()) {
        rows++;
        Array array = rs.getArray(2);
        Float[] moved = (Float[]) array.getArray();
        float[] original = before.get((UUID) rs.getObject(1));
        for (int d = 0; d < original.length; d++) {
          assertThat(Float.floatToRawIntBits(moved[d])).as("dimension %d of %s", d, original[d])
              .isEqualTo(Float.floatToRawIntBits(original[d]));
        }
      }
      assertThat(rows).isEqualTo(40);

      PgVectorStore store = new PgVectorStore(withPgvector.transactions());
      LeadId target = myLeads.get(7);
      List<VectorMatch<LeadId>> hits = store.nearest(mine, before.get(target.value()), 25);
      assertThat(hits).hasSize(20);
      assertThat(hits.get(0).key()).isEqualTo(target);
      assertThat(hits).extracting(VectorMatch::key).containsExactlyInAnyOrderElementsOf(myLeads);
    }
  }

  @Test
  void a_tenant_with_a_tiny_share_of_the_table_finds_every_lead_and_a_large_one_searches_the_hnsw_index() throws Exception {
    // a table this small is cheaper to scan than to search by index: make the planner use the indexes, as it
    // does on its own at the sizes pgvector is for (the benchmark's 200,000 rows)
    try (Connection c = db.connect(); PreparedStatement p = c.prepareStatement(
        "alter database " + db.name() + " set enable_seqscan = off")) {
      p.execute();
    }
    List<PersistenceModule> modules = new ArrayList<>(CrmPersistence.modules());
    modules.add(PgVectorPersistence.MODULE);
    try (TenancyDatabase database = TestTenancy.start(db, modules)) {
      TenantId big = TestTenancy.newTenant(database);
      TenantId small = TestTenancy.newTenant(database);
      PgVectorStore store = new PgVectorStore(database.transactions(), 10, 50);
      Random random = new Random(5);
      storeRandom(database, store, big, 1_500, random);
      List<LeadId> smallLeads = storeRandom(database, store, small, 4, random);
      try (Connection c = db.connect(); PreparedStatement p = c.prepareStatement("analyze crm_lead_embedding")) {
        p.execute();
      }
      String plan = database.transactions().inTenantJdbc(big, c -> {
        StringBuilder out = new StringBuilder();
        try (PreparedStatement p = c.prepareStatement("explain " + PgVectorStore.SEARCH_SQL)) {
          String query = PgVectorStore.literal(unit(random));
          p.setString(1, query);
          p.setObject(2, big.value());
          p.setString(3, query);
          p.setInt(4, 10);
          try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
              out.append(rs.getString(1)).append('\n');
            }
          }
        }
        return out.toString();
      });
      assertThat(plan).as("a large tenant's search goes through the shared HNSW index").contains("crm_lead_embedding_hnsw");

      List<VectorMatch<LeadId>> hits = store.nearest(small, unit(random), 10);
      assertThat(hits).extracting(VectorMatch::key).containsExactlyInAnyOrderElementsOf(smallLeads);
      assertThat(hits).extracting(VectorMatch::similarity).isSortedAccordingTo((a, b) -> Double.compare(b, a));
      assertThat(store.nearest(big, unit(random), 10)).hasSize(10)
          .extracting(VectorMatch::key).doesNotContainAnyElementsOf(smallLeads);
    }
  }

  private List<LeadId> storeRandom(TenancyDatabase database, PgVectorStore store, TenantId t, int count, Random random) {
    List<LeadId> ids = database.transactions().inTenantJdbc(t, c -> {
      List<LeadId> out = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement(
          "insert into crm_lead (id, tenant_id, name, source, status, status_since, scored_at, created_at, updated_at)"
              + " select gen_random_uuid(), ?, 'Lead ' || g, 'OTHER', 'NEW', now(), now(), now(), now()"
              + " from generate_series(1, ?) g returning id")) {
        p.setObject(1, t.value());
        p.setInt(2, count);
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            out.add(new LeadId((UUID) rs.getObject(1)));
          }
        }
      }
      return out;
    });
    List<LeadVector> vectors = new ArrayList<>();
    for (LeadId id : ids) {
      vectors.add(new LeadVector(id, unit(random), "hash", "test-model", clock.instant()));
    }
    database.transactions().inTenantJdbc(t, c -> {
      store.store(c, t, vectors);
      return null;
    });
    return ids;
  }

  private static float[] unit(Random random) {
    float[] v = new float[PgVectorStore.DIMENSION];
    double norm = 0;
    for (int d = 0; d < v.length; d++) {
      v[d] = (float) random.nextGaussian();
      norm += v[d] * v[d];
    }
    for (int d = 0; d < v.length; d++) {
      v[d] /= (float) Math.sqrt(norm);
    }
    return v;
  }
}
