package dev.bizo.benchmarks.crm;

import dev.bizo.benchmarks.Figure;
import dev.bizo.benchmarks.Report;
import dev.bizo.benchmarks.SuiteSize;
import dev.bizo.core.TenantId;
import dev.bizo.core.vector.VectorMatch;
import dev.bizo.crm.CrmPersistence;
import dev.bizo.crm.LeadId;
import dev.bizo.crm.search.ExactScanStore;
import dev.bizo.crm.search.PgVectorPersistence;
import dev.bizo.crm.search.PgVectorStore;
import dev.bizo.tenancy.TenancyDatabase;
import dev.bizo.tenancy.Transactions;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The pgvector path's figures, on the PostgreSQL that {@code PGVECTOR_JDBC_URL} names (a superuser's URL, as
 * {@code ../shared/tools/pgvector-postgres start} prints it), in a fresh database: the same two tenants of
 * synthetic vectors, loaded with the HNSW index dropped and then indexed with the migration's own DDL (a
 * bulk load; rows written one by one go into the index as they come), then the first tenant's queries:
 *
 * <ul>
 *   <li>{@code semantic-search-pgvector-recall-at-10}: agreement with the exact top 10 (the exact scan over
 *       the same rows' {@code bytea} column), beside the 0.95 goal;</li>
 *   <li>{@code semantic-search-pgvector-p50}, {@code -p99}: a warm {@link PgVectorStore#nearest} (iterative
 *       index scan under the tenant's row-level security), beside the exact scan's on the same queries.</li>
 * </ul>
 *
 * Without {@code PGVECTOR_JDBC_URL} one {@code # skipped} note says why.
 */
final class PgVectorSearchLatency {

  static final String VARIABLE = "PGVECTOR_JDBC_URL";

  private PgVectorSearchLatency() {}

  static void run(SuiteSize size, int vectors, SyntheticEmbeddings embeddings, int queries, Report report) throws Exception {
    String url = System.getenv(VARIABLE);
    if (url == null || url.isBlank()) {
      report.note("semantic-search-pgvector: skipped, " + VARIABLE + " is not set (a PostgreSQL with the vector extension;"
          + " ../shared/tools/pgvector-postgres start prints one)");
      return;
    }
    URI uri = URI.create(url.substring("jdbc:".length()));
    Map<String, String> params = new HashMap<>();
    for (String pair : uri.getQuery() == null ? new String[0] : uri.getQuery().split("&")) {
      int eq = pair.indexOf('=');
      params.put(pair.substring(0, Math.max(eq, 0)), pair.substring(eq + 1));
    }
    String user = params.getOrDefault("user", "postgres");
    String password = params.getOrDefault("password", "");
    String base = "jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + "/";
    String name = "bizo_bench_pgvector_" + ProcessHandle.current().pid();
    try (Connection c = DriverManager.getConnection(base + "postgres", user, password); Statement s = c.createStatement()) {
      s.execute("drop database if exists " + name + " with (force)");
      s.execute("create database " + name);
    }
    try {
      measure(size, base + name, user, password, vectors, embeddings, queries, report);
    } finally {
      try (Connection c = DriverManager.getConnection(base + "postgres", user, password); Statement s = c.createStatement()) {
        s.execute("drop database if exists " + name + " with (force)");
      }
    }
  }

  private static void measure(SuiteSize size, String jdbcUrl, String user, String password, int vectors,
      SyntheticEmbeddings embeddings, int queryCount, Report report) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
      PgVectorPersistence.Check check = PgVectorPersistence.check(c);
      if (!check.available()) {
        report.failure("semantic-search", "pgvector unavailable on " + VARIABLE + ": " + check.detail());
        return;
      }
    }
    TenancyDatabase.Builder builder = TenancyDatabase.builder().jdbcUrl(jdbcUrl).owner(user, password)
        .app("bizo_bench_app", "bench").poolSize(2);
    CrmPersistence.modules().forEach(builder::module);
    builder.module(PgVectorPersistence.MODULE);
    try (TenancyDatabase database = builder.start()) {
      Transactions tx = database.transactions();
      TenantId tenant = dev.bizo.benchmarks.BenchmarkDatabase.signUp(tx, "Search bench", "search");
      TenantId other = dev.bizo.benchmarks.BenchmarkDatabase.signUp(tx, "Search bench neighbour", "search-other");
      long l0 = System.nanoTime();
      try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement s = c.createStatement()) {
        s.execute("drop index crm_lead_embedding_hnsw");
      }
      SemanticSearchLatency.store(tx, tenant, vectors, embeddings, true);
      SemanticSearchLatency.store(tx, other, vectors, embeddings, true);
      double load = (System.nanoTime() - l0) / 1e9;
      long i0 = System.nanoTime();
      try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement s = c.createStatement()) {
        s.execute("set maintenance_work_mem = '1GB'");
        s.execute("create index crm_lead_embedding_hnsw on crm_lead_embedding using hnsw ((embedding::halfvec(384)) halfvec_cosine_ops)");
        s.execute("vacuum analyze crm_lead_embedding");
      }
      double index = (System.nanoTime() - i0) / 1e9;

      Random random = new Random(23);
      List<float[]> queries = new ArrayList<>();
      for (int i = 0; i < queryCount; i++) {
        queries.add(embeddings.next(random));
      }
      ExactScanStore exact = new ExactScanStore(tx, SemanticSearchLatency.DIMENSION, 2);
      List<List<LeadId>> exactTop10 = new ArrayList<>();
      for (float[] q : queries) {
        exactTop10.add(exact.nearest(tenant, q, 10).stream().map(VectorMatch::key).toList());
      }
      int warmups = size.ints(3, 20, 30);
      SearchRun exactRun = SearchRun.of(queries, exactTop10, warmups, q -> exact.nearest(tenant, q, 10));
      PgVectorStore store = new PgVectorStore(tx);
      SearchRun run = SearchRun.of(queries, exactTop10, warmups, q -> store.nearest(tenant, q, 10));
      report.note(String.format(Locale.ROOT, "semantic-search-pgvector: %,d + %,d vectors loaded in %.1f s, HNSW index"
          + " (m 16, ef_construction 64, cosine over halfvec) built in %.1f s; ef_search 100, hnsw.iterative_scan strict_order; %d queries",
          vectors, vectors, load, index, queries.size()));
      var e = exactRun.latency();
      report.figure(new Figure("semantic-search-pgvector-recall-at-10", run.recall(), "share",
          SemanticSearchLatency.GOAL_RECALL, "share goal"));
      report.figure(Figure.of("semantic-search-pgvector-p50", run.latency().median(), "ms", e.median()));
      report.figure(Figure.of("semantic-search-pgvector-p99", run.latency().at(99), "ms", e.at(99)));
    }
  }
}
