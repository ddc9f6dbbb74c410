package dev.bizo.crm.search;

import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.core.vector.VectorMatch;
import dev.bizo.crm.LeadId;
import dev.bizo.crm.search.spi.LeadVector;
import dev.bizo.crm.search.spi.LeadVectorStore;
import dev.bizo.tenancy.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A {@link LeadVectorStore} on pgvector: the vectors in a {@code vector(384)} column of {@code
 * crm_lead_embedding} with an HNSW index (cosine) over their half-precision form ({@code halfvec}, half the
 * index's size, so twice as much of it stays cached), searched in SQL in the tenant's transaction, under its
 * row-level security; scores come from the full vectors. Needs {@link PgVectorPersistence#MODULE} migrated.
 *
 * <p><b>Tenant filtering.</b> One HNSW graph holds every tenant's rows. A plain filtered index scan would take
 * the graph's nearest {@code ef_search} rows and then drop the other tenants', so a tenant with a small share
 * of the table would get few or no hits. Searches therefore run with pgvector 0.8's iterative index scans
 * ({@code hnsw.iterative_scan = strict_order}): the scan goes on through the graph, in distance order, until
 * the tenant's {@code k} rows are found or {@code hnsw.max_scan_tuples} is reached. For a tenant so small
 * that the bound is reached first, the store counts the tenant's rows and, if the scan missed some, ranks them
 * exactly (a scan of that tenant's rows only, which are few). Per-tenant partial indexes would need DDL at
 * each signup by a role that owns the table (the application role owns nothing) and a plan per tenant.
 *
 * <p><b>Writes</b> go to both columns: the {@code bytea} one keeps the exact scan ({@link ExactScanStore}) a
 * reference and fallback over the same rows, without a migration back. Thread-safe.
 */
public final class PgVectorStore implements LeadVectorStore {

  /** The dimension of the {@code vector} column. */
  public static final int DIMENSION = 384;

  /**
   * The search through the HNSW index: ranked by the half-precision cosine distance the index holds, scored
   * by the full vector's. Parameters: the query's literal, the tenant, the query's literal again, k.
   */
  static final String SEARCH_SQL = "select lead_id, 1 - (embedding <=> ?::vector) from crm_lead_embedding"
      + " where tenant_id = ? and embedding is not null"
      + " order by embedding::halfvec(384) <=> ?::halfvec(384) limit ?";

  private final Transactions tx;
  private final ExactScanStore exact;
  private final int efSearch;
  private final int maxScanTuples;

  /**
   * A store over {@code transactions}.
   *
   * @param efSearch candidates kept while searching the graph ({@code hnsw.ef_search}, at least {@code k};
   *     pgvector's default is 40); more finds more of the true nearest at more cost
   * @param maxScanTuples how many index tuples an iterative scan may visit before giving up ({@code
   *     hnsw.max_scan_tuples}; pgvector's default is 20,000)
   */
  public PgVectorStore(Transactions transactions, int efSearch, int maxScanTuples) {
    this.tx = Objects.requireNonNull(transactions, "transactions");
    if (efSearch <= 0 || efSearch > 1000) {
      throw ValidationException.ofField("efSearch", "out_of_range", "from 1 to 1000");
    }
    if (maxScanTuples <= 0) {
      throw ValidationException.ofField("maxScanTuples", "not_positive", "must be positive");
    }
    this.efSearch = efSearch;
    this.maxScanTuples = maxScanTuples;
    this.exact = new ExactScanStore(transactions, DIMENSION, 1);
  }

  /** A store with {@code ef_search} 100 and pgvector's default scan bound. */
  public PgVectorStore(Transactions transactions) {
    this(transactions, 100, 20_000);
  }

  @Override
  public String name() {
    return "pgvector";
  }

  @Override
  public int dimension() {
    return DIMENSION;
  }

  @Override
  public Map<LeadId, String> textHashes(Connection c, TenantId tenant, Collection<LeadId> leads) throws SQLException {
    return exact.textHashes(c, tenant, leads);
  }

  @Override
  public void store(Connection c, TenantId tenant, List<LeadVector> vectors) throws SQLException {
    if (vectors.isEmpty()) {
      return;
    }
    for (LeadVector v : vectors) {
      checkDimension(v.vector());
    }
    ExactScanStore.requireOwnLeads(c, tenant, vectors);
    ExactScanStore.lockTenantRows(c, tenant);
    try (PreparedStatement p =
        c.prepareStatement(
            "insert into crm_lead_embedding (lead_id, tenant_id, dimension, vector, embedding, text_hash, model, embedded_at)"
                + " values (?, ?, ?, ?, ?::vector, ?, ?, ?) on conflict (lead_id) do update set dimension = excluded.dimension,"
                + " vector = excluded.vector, embedding = excluded.embedding, text_hash = excluded.text_hash,"
                + " model = excluded.model, embedded_at = excluded.embedded_at, seq = nextval('crm_lead_embedding_seq')")) {
      for (LeadVector v : vectors) {
        float[] vector = v.vector();
        p.setObject(1, v.lead().value());
        p.setObject(2, tenant.value());
        p.setInt(3, DIMENSION);
        p.setBytes(4, ExactScanStore.toBytes(vector));
        p.setString(5, literal(vector));
        p.setString(6, v.textHash());
        p.setString(7, v.model());
        p.setObject(8, v.embeddedAt().atOffset(ZoneOffset.UTC));
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  @Override
  public List<VectorMatch<LeadId>> nearest(TenantId tenant, float[] query, int k) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(query, "query");
    if (k <= 0) {
      throw ValidationException.ofField("k", "not_positive", "k must be positive");
    }
    checkDimension(query);
    String q = literal(query);
    return tx.inTenantJdbc(tenant, c -> {
      try (PreparedStatement p = c.prepareStatement(
          "select set_config('hnsw.iterative_scan', 'strict_order', true), set_config('hnsw.ef_search', ?, true),"
              + " set_config('hnsw.max_scan_tuples', ?, true)")) {
        p.setString(1, Integer.toString(Math.max(efSearch, Math.min(k, 1000))));
        p.setString(2, Integer.toString(maxScanTuples));
        p.executeQuery().close();
      }
      List<VectorMatch<LeadId>> hits = matches(c, SEARCH_SQL, q, tenant, k);
      if (hits.size() < k && stored(c, tenant) > hits.size()) {
        // the scan reached its bound before finding k of this tenant's rows: they are few, rank them all
        hits = matches(c,
            "with mine as materialized (select lead_id, embedding from crm_lead_embedding where tenant_id = ?"
                + " and embedding is not null) select lead_id, 1 - (embedding <=> ?::vector) from mine"
                + " order by embedding <=> ?::vector limit ?", q, tenant, k);
      }
      // the index ranks at half precision; two near-equal neighbours may swap there, never in what callers see
      return hits.stream().sorted(Comparator.comparingDouble((VectorMatch<LeadId> m) -> m.similarity()).reversed()).toList();
    });
  }

  private static List<VectorMatch<LeadId>> matches(Connection c, String sql, String q, TenantId tenant, int k)
      throws SQLException {
    List<VectorMatch<LeadId>> out = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement(sql)) {
      boolean tenantFirst = sql.startsWith("with");
      p.setObject(tenantFirst ? 1 : 2, tenant.value());
      p.setString(tenantFirst ? 2 : 1, q);
      p.setString(3, q);
      p.setInt(4, k);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(new VectorMatch<>(new LeadId((UUID) rs.getObject(1)), rs.getDouble(2)));
        }
      }
    }
    return out;
  }

  private static long stored(Connection c, TenantId tenant) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(
        "select count(*) from crm_lead_embedding where tenant_id = ? and embedding is not null")) {
      p.setObject(1, tenant.value());
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static void checkDimension(float[] vector) {
    if (vector.length != DIMENSION) {
      throw ValidationException.ofField(
          "vector", "wrong_dimension", "expected " + DIMENSION + " dimensions, got " + vector.length);
    }
  }

  /** pgvector's text form, {@code [0.1,-0.2,...]}; {@link Float#toString} round-trips every float exactly. */
  static String literal(float[] vector) {
    StringBuilder b = new StringBuilder(vector.length * 12).append('[');
    for (int i = 0; i < vector.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(Float.toString(vector[i]));
    }
    return b.append(']').toString();
  }
}
