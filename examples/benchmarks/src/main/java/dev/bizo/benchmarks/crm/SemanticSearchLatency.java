package dev.bizo.benchmarks.crm;

import dev.bizo.core.TenantId;
import dev.bizo.crm.CrmPersistence;
import dev.bizo.crm.LeadId;
import dev.bizo.crm.search.LeadEmbeddingIndex;
import dev.bizo.crm.search.SemanticLeadSearch;
import dev.bizo.crm.search.VectorMatch;
import dev.bizo.tenancy.AuditLog;
import dev.bizo.tenancy.Signup;
import dev.bizo.tenancy.TenancyDatabase;
import dev.bizo.tenancy.Tenants;
import dev.bizo.tenancy.Transactions;
import dev.bizo.tenancy.Users;
import dev.bizo.testkit.TestDatabase;
import dev.bizo.testkit.internal.SharedPostgres;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * Search latency of {@link LeadEmbeddingIndex} over one tenant's stored 384-dimension vectors (the
 * all-MiniLM-L6-v2 size) in an embedded PostgreSQL: the first search (loading every vector), then p50 and
 * p99 of warm searches by vector (refresh query, exact scan, check of the hits) and by text (plus
 * embedding the query in-process).
 *
 * <p>The stored vectors are seeded random unit vectors, not embeddings of real leads: an exact scan costs
 * the same whatever the values, and embedding 100,000 texts would take minutes.
 *
 * <p>Arguments: vector count (default 10,000) or {@code --full} for 100,000; optionally {@code --runs=N}
 * timed searches of each kind (default 200).
 */
public final class SemanticSearchLatency {

  private static final int DIMENSION = 384;
  private static final String[] QUERIES = {
    "CFO of a mid-size logistics firm interested in invoicing",
    "bakery owner who wants online ordering",
    "hospital looking for patient scheduling software",
    "school principal who wants a homework platform",
  };

  private SemanticSearchLatency() {}

  public static void main(String[] args) throws Exception {
    int vectors = 10_000;
    int runs = 200;
    for (String a : args) {
      if (a.equals("--full")) {
        vectors = 100_000;
      } else if (a.startsWith("--runs=")) {
        runs = Integer.parseInt(a.substring("--runs=".length()));
      } else {
        vectors = Integer.parseInt(a.replace("_", ""));
      }
    }
    TestDatabase db = SharedPostgres.get().createDatabase();
    TenancyDatabase.Builder builder =
        TenancyDatabase.builder().jdbcUrl(db.jdbcUrl()).owner(db.user(), db.password()).app("bizo_bench_app", "bench").poolSize(2);
    CrmPersistence.modules().forEach(builder::module);
    try (TenancyDatabase database = builder.start()) {
      Transactions tx = database.transactions();
      Clock clock = Clock.systemUTC();
      AuditLog audit = new AuditLog(tx, clock);
      Tenants tenants = new Tenants(tx, new Users(tx, audit, clock), audit, clock);
      String slug = "search-" + Long.toString(System.nanoTime(), 36);
      TenantId tenant =
          tenants.signup(new Signup("Search bench", slug, "owner@" + slug + ".test", "$argon2id$bench-placeholder")).tenant().id();

      long started = System.nanoTime();
      store(tx, tenant, vectors);
      try (Connection c = db.connect(); Statement s = c.createStatement()) {
        s.execute("vacuum analyze crm_lead_embedding");
      }
      System.out.printf(Locale.ROOT, "# %,d vectors of %d dimensions stored for one tenant in %.1f s; %d searches of each kind%n",
          vectors, DIMENSION, (System.nanoTime() - started) / 1e9, runs);

      EmbeddingModel model = SemanticLeadSearch.defaultModel();
      LeadEmbeddingIndex index = LeadEmbeddingIndex.builder(tx, model).clock(clock).build();
      Random random = new Random(11);
      long t0 = System.nanoTime();
      List<VectorMatch<LeadId>> first = index.findSimilar(tenant, randomUnit(random), 10);
      double cold = (System.nanoTime() - t0) / 1e6;
      if (first.size() != 10 || index.cachedVectors(tenant) != vectors) {
        throw new IllegalStateException("expected 10 hits over " + vectors + " vectors, got " + first.size()
            + " over " + index.cachedVectors(tenant));
      }
      for (int i = 0; i < 20; i++) {
        index.findSimilar(tenant, randomUnit(random), 10);
        index.findSimilar(tenant, QUERIES[i % QUERIES.length], 10);
      }
      double[] byVector = new double[runs];
      double[] byText = new double[runs];
      for (int i = 0; i < runs; i++) {
        float[] q = randomUnit(random);
        long a = System.nanoTime();
        index.findSimilar(tenant, q, 10);
        long b = System.nanoTime();
        index.findSimilar(tenant, QUERIES[i % QUERIES.length] + " #" + i, 10);
        long c = System.nanoTime();
        byVector[i] = (b - a) / 1e6;
        byText[i] = (c - b) / 1e6;
      }
      Arrays.sort(byVector);
      Arrays.sort(byText);
      System.out.printf(Locale.ROOT, "semantic-search-first-load: %.1f ms%n", cold);
      System.out.printf(Locale.ROOT, "semantic-search-by-vector-p50: %.1f ms%n", percentile(byVector, 50));
      System.out.printf(Locale.ROOT, "semantic-search-by-vector-p99: %.1f ms%n", percentile(byVector, 99));
      System.out.printf(Locale.ROOT, "semantic-search-by-text-p50: %.1f ms%n", percentile(byText, 50));
      System.out.printf(Locale.ROOT, "semantic-search-by-text-p99: %.1f ms%n", percentile(byText, 99));
    } finally {
      SharedPostgres.get().dropDatabase(db);
    }
  }

  private static double percentile(double[] sorted, int p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  private static float[] randomUnit(Random r) {
    float[] v = new float[DIMENSION];
    double norm = 0;
    for (int d = 0; d < DIMENSION; d++) {
      v[d] = (float) r.nextGaussian();
      norm += v[d] * v[d];
    }
    float scale = (float) (1 / Math.sqrt(norm));
    for (int d = 0; d < DIMENSION; d++) {
      v[d] *= scale;
    }
    return v;
  }

  /** Leads set-based, then their vectors in JDBC batches, 5,000 per transaction. */
  private static void store(Transactions tx, TenantId tenant, int count) {
    tx.inTenantJdbc(tenant, c -> {
      try (PreparedStatement p = c.prepareStatement(
          "insert into crm_lead (id, tenant_id, name, source, status, status_since, scored_at, created_at, updated_at)"
              + " select gen_random_uuid(), ?, 'Lead ' || g, 'OTHER', 'NEW', now(), now(), now(), now() from generate_series(1, ?) g")) {
        p.setObject(1, tenant.value());
        p.setInt(2, count);
        return p.executeUpdate();
      }
    });
    List<UUID> ids = tx.inTenantJdbc(tenant, c -> {
      List<UUID> out = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement("select id from crm_lead where tenant_id = ? order by id")) {
        p.setObject(1, tenant.value());
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            out.add((UUID) rs.getObject(1));
          }
        }
      }
      return out;
    });
    Random random = new Random(7);
    for (int start = 0; start < ids.size(); start += 5_000) {
      List<UUID> chunk = ids.subList(start, Math.min(ids.size(), start + 5_000));
      tx.inTenantJdbc(tenant, c -> {
        try (PreparedStatement p = c.prepareStatement(
            "insert into crm_lead_embedding (lead_id, tenant_id, dimension, vector, text_hash, model, embedded_at)"
                + " values (?, ?, ?, ?, 'bench', 'random-unit', ?)")) {
          for (UUID id : chunk) {
            p.setObject(1, id);
            p.setObject(2, tenant.value());
            p.setInt(3, DIMENSION);
            p.setBytes(4, LeadEmbeddingIndex.toBytes(randomUnit(random)));
            p.setObject(5, java.time.Instant.now().atOffset(ZoneOffset.UTC));
            p.addBatch();
          }
          p.executeBatch();
        }
        return null;
      });
    }
  }
}
