package dev.bizo.benchmarks.crm;

import dev.bizo.benchmarks.BenchmarkDatabase;
import dev.bizo.benchmarks.Figure;
import dev.bizo.benchmarks.Measurement;
import dev.bizo.benchmarks.Percentiles;
import dev.bizo.benchmarks.Report;
import dev.bizo.benchmarks.Sizes;
import dev.bizo.benchmarks.SuiteSize;
import dev.bizo.core.TenantId;
import dev.bizo.core.vector.VectorMatch;
import dev.bizo.crm.CrmPersistence;
import dev.bizo.crm.LeadId;
import dev.bizo.crm.search.BundledModel;
import dev.bizo.crm.search.LeadEmbeddingIndex;
import dev.bizo.tenancy.TenancyDatabase;
import dev.bizo.tenancy.Transactions;
import dev.bizo.testkit.TestDatabase;
import dev.bizo.testkit.internal.SharedPostgres;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * Search latency of {@link LeadEmbeddingIndex} over one tenant's stored 384-dimension vectors (the
 * all-MiniLM-L6-v2 size) in an embedded PostgreSQL, 10,000 vectors by default, 100,000 with {@code --full}.
 *
 * <p>The stored vectors are seeded random unit vectors, not embeddings of real leads: an exact scan costs
 * the same whatever the values, and embedding 100,000 texts would take half an hour here.
 *
 * <p>Figures, each beside the floor of the same work:
 * <ul>
 *   <li>{@code semantic-search-first-load}: the first search (loading every vector into the index's cache),
 *       beside reading the same rows with plain JDBC;</li>
 *   <li>{@code semantic-search-by-vector-p50}, {@code -p99}: a warm search by vector (refresh query, exact
 *       scan, check of the hits), beside a plain top-10 dot-product loop over the same vectors in a
 *       {@code float[][]};</li>
 *   <li>{@code semantic-search-by-text-p50}, {@code -p99}: a warm search by text (embedding the query
 *       in-process, then the above), beside embedding the query alone;</li>
 *   <li>{@code semantic-search-quantized-*}, {@code -fp16-*}, {@code -int8w-*}, {@code -bundled-*}: smaller forms
 *       of the model against fp32 ({@link QuantizedModelAgreement}).</li>
 * </ul>
 *
 * <p>Run alone: {@code java -cp ... dev.bizo.benchmarks.crm.SemanticSearchLatency [--full | --tiny]}.
 */
public final class SemanticSearchLatency implements Measurement {

  private static final int DIMENSION = 384;
  private static final String[] QUERIES = {
    "CFO of a mid-size logistics firm interested in invoicing",
    "bakery owner who wants online ordering",
    "hospital looking for patient scheduling software",
    "school principal who wants a homework platform",
  };

  public static void main(String[] args) throws Exception {
    new SemanticSearchLatency().run(Sizes.fromArgs(args), new Report(System.out));
    System.exit(0);
  }

  @Override
  public String name() {
    return "semantic-search";
  }

  @Override
  public Duration bound(SuiteSize size) {
    return Duration.ofSeconds(size.ints(240, 900, 2400)); // five models embed the agreement corpus
  }

  @Override
  public void run(SuiteSize size, Report report) throws Exception {
    int vectors = size.ints(1_000, 10_000, 100_000);
    int runs = size.ints(10, 200, 300);
    int warmups = size.ints(3, 20, 30);
    TestDatabase db = SharedPostgres.get().createDatabase();
    TenancyDatabase.Builder builder = BenchmarkDatabase.on(db, 2);
    CrmPersistence.modules().forEach(builder::module);
    try (TenancyDatabase database = builder.start()) {
      Transactions tx = database.transactions();
      Clock clock = Clock.systemUTC();
      TenantId tenant = BenchmarkDatabase.signUp(tx, "Search bench", "search");

      long started = System.nanoTime();
      float[][] stored = store(tx, tenant, vectors);
      try (Connection c = db.connect(); Statement s = c.createStatement()) {
        s.execute("vacuum analyze crm_lead_embedding");
      }
      report.note(String.format(Locale.ROOT,
          "semantic-search: %,d vectors of %d dimensions stored for one tenant in %.1f s; %d searches of each kind after %d warm-up",
          vectors, DIMENSION, (System.nanoTime() - started) / 1e9, runs, warmups));

      long r0 = System.nanoTime();
      int read = readAll(tx, tenant);
      double rawRead = (System.nanoTime() - r0) / 1e6;
      EmbeddingModel model = BundledModel.load();
      LeadEmbeddingIndex index = LeadEmbeddingIndex.builder(tx, model).clock(clock).build();
      Random random = new Random(11);
      long t0 = System.nanoTime();
      List<VectorMatch<LeadId>> first = index.findSimilar(tenant, randomUnit(random), 10);
      double cold = (System.nanoTime() - t0) / 1e6;
      if (first.size() != 10 || index.cachedVectors(tenant) != vectors || read != vectors) {
        throw new IllegalStateException("expected 10 hits over " + vectors + " vectors, got " + first.size()
            + " over " + index.cachedVectors(tenant) + " (" + read + " read raw)");
      }
      long sink = 0;
      for (int i = 0; i < warmups; i++) {
        index.findSimilar(tenant, randomUnit(random), 10);
        index.findSimilar(tenant, QUERIES[i % QUERIES.length], 10);
        sink += plainTop10(stored, randomUnit(random));
        model.embed(QUERIES[i % QUERIES.length] + " warm-up " + i);
      }
      double[] byVector = new double[runs];
      double[] byText = new double[runs];
      double[] plainScan = new double[runs];
      double[] embedOnly = new double[runs];
      for (int i = 0; i < runs; i++) {
        float[] q = randomUnit(random);
        long a = System.nanoTime();
        index.findSimilar(tenant, q, 10);
        long b = System.nanoTime();
        index.findSimilar(tenant, QUERIES[i % QUERIES.length] + " #" + i, 10);
        long c = System.nanoTime();
        sink += plainTop10(stored, q);
        long d = System.nanoTime();
        model.embed(QUERIES[i % QUERIES.length] + " %" + i);
        long e = System.nanoTime();
        byVector[i] = (b - a) / 1e6;
        byText[i] = (c - b) / 1e6;
        plainScan[i] = (d - c) / 1e6;
        embedOnly[i] = (e - d) / 1e6;
      }
      if (sink == Long.MIN_VALUE) {
        report.note("(unlikely sink value)");
      }
      Percentiles vector = Percentiles.of(byVector);
      Percentiles text = Percentiles.of(byText);
      Percentiles scan = Percentiles.of(plainScan);
      Percentiles embed = Percentiles.of(embedOnly);
      report.figure(Figure.of("semantic-search-first-load", cold, "ms", rawRead));
      report.figure(Figure.of("semantic-search-by-vector-p50", vector.median(), "ms", scan.median()));
      report.figure(Figure.of("semantic-search-by-vector-p99", vector.at(99), "ms", scan.at(99)));
      report.figure(Figure.of("semantic-search-by-text-p50", text.median(), "ms", embed.median()));
      report.figure(Figure.of("semantic-search-by-text-p99", text.at(99), "ms", embed.at(99)));
      QuantizedModelAgreement.run(size, report);
    } finally {
      SharedPostgres.get().dropDatabase(db);
    }
  }

  /** The floor of an exact search: dot products against every vector, keeping the best ten; returns a checksum. */
  private static long plainTop10(float[][] vectors, float[] q) {
    double[] best = new double[10];
    int[] at = new int[10];
    Arrays.fill(best, Double.NEGATIVE_INFINITY);
    for (int i = 0; i < vectors.length; i++) {
      float[] v = vectors[i];
      double dot = 0;
      for (int d = 0; d < DIMENSION; d++) {
        dot += v[d] * q[d];
      }
      if (dot > best[9]) {
        int k = 9;
        while (k > 0 && best[k - 1] < dot) {
          best[k] = best[k - 1];
          at[k] = at[k - 1];
          k--;
        }
        best[k] = dot;
        at[k] = i;
      }
    }
    return at[0];
  }

  /** Reads every stored vector of the tenant with plain JDBC, decoding each; returns how many. */
  private static int readAll(Transactions tx, TenantId tenant) {
    return tx.inTenantJdbc(tenant, c -> {
      int n = 0;
      try (PreparedStatement p = c.prepareStatement("select lead_id, vector from crm_lead_embedding where tenant_id = ?")) {
        p.setObject(1, tenant.value());
        p.setFetchSize(5_000);
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            rs.getObject(1);
            if (LeadEmbeddingIndex.fromBytes(rs.getBytes(2)).length == DIMENSION) {
              n++;
            }
          }
        }
      }
      return n;
    });
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

  /** Leads set-based, then their vectors in JDBC batches, 5,000 per transaction; returns the vectors. */
  private static float[][] store(Transactions tx, TenantId tenant, int count) {
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
    float[][] vectors = new float[ids.size()][];
    for (int start = 0; start < ids.size(); start += 5_000) {
      List<UUID> chunk = ids.subList(start, Math.min(ids.size(), start + 5_000));
      int offset = start;
      tx.inTenantJdbc(tenant, c -> {
        try (PreparedStatement p = c.prepareStatement(
            "insert into crm_lead_embedding (lead_id, tenant_id, dimension, vector, text_hash, model, embedded_at)"
                + " values (?, ?, ?, ?, 'bench', 'random-unit', ?)")) {
          for (int k = 0; k < chunk.size(); k++) {
            float[] v = randomUnit(random);
            vectors[offset + k] = v;
            p.setObject(1, chunk.get(k));
            p.setObject(2, tenant.value());
            p.setInt(3, DIMENSION);
            p.setBytes(4, LeadEmbeddingIndex.toBytes(v));
            p.setObject(5, java.time.Instant.now().atOffset(ZoneOffset.UTC));
            p.addBatch();
          }
          p.executeBatch();
        }
        return null;
      });
    }
    return vectors;
  }
}
