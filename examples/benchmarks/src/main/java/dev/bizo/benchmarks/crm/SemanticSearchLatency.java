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
import dev.bizo.crm.search.HnswStore;
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
import java.nio.file.Files;
import java.nio.file.Path;
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
 * all-MiniLM-L6-v2 size) in an embedded PostgreSQL, while another tenant has as many: 10,000 vectors each by
 * default, 100,000 each with {@code --full}, 1,000 with {@code --tiny}. Queries are the first tenant's.
 *
 * <p>The stored vectors are synthetic, not embeddings of real leads (embedding 200,000 texts would take an
 * hour here): {@link SyntheticEmbeddings}, unit vectors near a 24-dimensional subspace with noise, shaped like
 * sentence embeddings (which occupy few directions of their 384). Uniform random unit vectors would be the
 * worst case of any approximate index and unlike any embedding; an exact scan costs the same either way.
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
 *   <li>{@code semantic-search-ann-build}: building the tenant's in-process HNSW graph ({@link HnswStore}) from
 *       its stored rows in the background, beside the exact scan's first load;</li>
 *   <li>{@code semantic-search-ann-recall-at-10}: the share of the exact top 10 that the graph's top 10 holds,
 *       beside the 0.95 goal;</li>
 *   <li>{@code semantic-search-ann-p50}, {@code -p99}: a warm search by vector through {@link HnswStore} (refresh
 *       query, graph search, check of the hits), beside the exact scan's on the same queries;</li>
 *   <li>{@code semantic-search-pgvector-*}: the same on pgvector ({@link PgVectorSearchLatency}) when
 *       {@code PGVECTOR_JDBC_URL} names a PostgreSQL with the extension; otherwise one {@code # skipped} note;</li>
 *   <li>{@code semantic-search-quantized-*}, {@code -fp16-*}, {@code -int8w-*}, {@code -bundled-*}: smaller forms
 *       of the model against fp32 ({@link QuantizedModelAgreement}).</li>
 * </ul>
 *
 * <p>Run alone: {@code java -cp ... dev.bizo.benchmarks.crm.SemanticSearchLatency [--full | --tiny]}.
 */
public final class SemanticSearchLatency implements Measurement {

  static final int DIMENSION = 384;

  /** The recall the issue asks of an approximate path. */
  static final double GOAL_RECALL = 0.95;
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
    // five models embed the agreement corpus, and two approximate indexes are built
    return Duration.ofSeconds(size.ints(300, 1200, 3600));
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
      TenantId other = BenchmarkDatabase.signUp(tx, "Search bench neighbour", "search-other");

      long started = System.nanoTime();
      SyntheticEmbeddings embeddings = new SyntheticEmbeddings(DIMENSION, 7);
      float[][] stored = store(tx, tenant, vectors, embeddings, false);
      store(tx, other, vectors, embeddings, false);
      try (Connection c = db.connect(); Statement s = c.createStatement()) {
        s.execute("vacuum analyze crm_lead_embedding");
      }
      report.note(String.format(Locale.ROOT,
          "semantic-search: %,d vectors of %d dimensions stored for each of two tenants in %.1f s; %d searches of each kind after %d warm-up",
          vectors, DIMENSION, (System.nanoTime() - started) / 1e9, runs, warmups));

      long r0 = System.nanoTime();
      int read = readAll(tx, tenant);
      double rawRead = (System.nanoTime() - r0) / 1e6;
      EmbeddingModel model = BundledModel.load();
      LeadEmbeddingIndex index = LeadEmbeddingIndex.builder(tx, model).clock(clock).build();
      Random random = new Random(11);
      long t0 = System.nanoTime();
      List<VectorMatch<LeadId>> first = index.findSimilar(tenant, embeddings.next(random), 10);
      double cold = (System.nanoTime() - t0) / 1e6;
      if (first.size() != 10 || index.cachedVectors(tenant) != vectors || read != vectors) {
        throw new IllegalStateException("expected 10 hits over " + vectors + " vectors, got " + first.size()
            + " over " + index.cachedVectors(tenant) + " (" + read + " read raw)");
      }
      long sink = 0;
      for (int i = 0; i < warmups; i++) {
        index.findSimilar(tenant, embeddings.next(random), 10);
        index.findSimilar(tenant, QUERIES[i % QUERIES.length], 10);
        sink += plainTop10(stored, embeddings.next(random));
        model.embed(QUERIES[i % QUERIES.length] + " warm-up " + i);
      }
      double[] byVector = new double[runs];
      double[] byText = new double[runs];
      double[] plainScan = new double[runs];
      double[] embedOnly = new double[runs];
      for (int i = 0; i < runs; i++) {
        float[] q = embeddings.next(random);
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
      List<float[]> queries = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        queries.add(embeddings.next(random));
      }
      List<List<LeadId>> exactTop10 = new ArrayList<>();
      for (float[] q : queries) {
        exactTop10.add(index.findSimilar(tenant, q, 10).stream().map(VectorMatch::key).toList());
      }
      annFigures(size, tx, tenant, vectors, queries, exactTop10, vector, cold, report);
      PgVectorSearchLatency.run(size, vectors, embeddings, queries.size(), report);
      QuantizedModelAgreement.run(size, report);
    } finally {
      SharedPostgres.get().dropDatabase(db);
    }
  }

  /**
   * Builds the tenant's HNSW graph the way a server does (in the background, in memory-mapped files), then
   * measures warm searches and their agreement with the exact top 10.
   */
  private static void annFigures(SuiteSize size, Transactions tx, TenantId tenant, int vectors, List<float[]> queries,
      List<List<LeadId>> exactTop10, Percentiles exact, double exactFirstLoad, Report report) throws Exception {
    Path dir = Files.createTempDirectory("bizo-bench-hnsw");
    try (HnswStore store = HnswStore.builder(tx, DIMENSION).directory(dir).build()) {
      long b0 = System.nanoTime();
      store.prepare(tenant);
      while (store.state(tenant) != HnswStore.State.READY) {
        if (store.state(tenant) == HnswStore.State.ABSENT) {
          throw new IllegalStateException("the HNSW graph failed to build (see the log)");
        }
        Thread.sleep(20);
      }
      double build = (System.nanoTime() - b0) / 1e6;
      if (store.indexedVectors(tenant) != vectors) {
        throw new IllegalStateException("the graph holds " + store.indexedVectors(tenant) + " vectors, not " + vectors);
      }
      SearchRun run = SearchRun.of(queries, exactTop10, size.ints(3, 20, 30), q -> store.nearest(tenant, q, 10));
      report.note(String.format(Locale.ROOT, "semantic-search-ann: Lucene HNSW (M 16, beam 50, %d candidates per search), "
          + "graph of %,d vectors built in %.1f s; %d queries", 100, vectors, build / 1000, queries.size()));
      report.figure(Figure.of("semantic-search-ann-build", build, "ms", exactFirstLoad));
      report.figure(new Figure("semantic-search-ann-recall-at-10", run.recall(), "share", GOAL_RECALL, "share goal"));
      report.figure(Figure.of("semantic-search-ann-p50", run.latency().median(), "ms", exact.median()));
      report.figure(Figure.of("semantic-search-ann-p99", run.latency().at(99), "ms", exact.at(99)));
    } finally {
      try (var paths = Files.walk(dir)) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
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

  /** pgvector's text form of a vector. */
  private static String literal(float[] v) {
    StringBuilder b = new StringBuilder(v.length * 12).append('[');
    for (int i = 0; i < v.length; i++) {
      b.append(i == 0 ? "" : ",").append(v[i]);
    }
    return b.append(']').toString();
  }

  /** Leads set-based, then their vectors in JDBC batches, 5,000 per transaction; returns the vectors. */
  static float[][] store(Transactions tx, TenantId tenant, int count, SyntheticEmbeddings embeddings, boolean vectorColumn) {
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
    Random random = new Random(tenant.value().getLeastSignificantBits());
    float[][] vectors = new float[ids.size()][];
    for (int start = 0; start < ids.size(); start += 5_000) {
      List<UUID> chunk = ids.subList(start, Math.min(ids.size(), start + 5_000));
      int offset = start;
      tx.inTenantJdbc(tenant, c -> {
        try (PreparedStatement p = c.prepareStatement(
            "insert into crm_lead_embedding (lead_id, tenant_id, dimension, vector, text_hash, model, embedded_at"
                + (vectorColumn ? ", embedding) values (?, ?, ?, ?, 'bench', 'synthetic', ?, ?::vector)"
                    : ") values (?, ?, ?, ?, 'bench', 'synthetic', ?)"))) {
          for (int k = 0; k < chunk.size(); k++) {
            float[] v = embeddings.next(random);
            vectors[offset + k] = v;
            p.setObject(1, chunk.get(k));
            p.setObject(2, tenant.value());
            p.setInt(3, DIMENSION);
            p.setBytes(4, LeadEmbeddingIndex.toBytes(v));
            p.setObject(5, java.time.Instant.now().atOffset(ZoneOffset.UTC));
            if (vectorColumn) {
              p.setString(6, literal(v));
            }
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
