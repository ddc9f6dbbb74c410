package dev.bizo.crm.search;

import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.core.vector.ExactVectorIndex;
import dev.bizo.core.vector.VectorMatch;
import dev.bizo.crm.LeadId;
import dev.bizo.crm.search.spi.LeadVector;
import dev.bizo.crm.search.spi.LeadVectorStore;
import dev.bizo.tenancy.Transactions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reference {@link LeadVectorStore}: vectors as float32 {@code bytea} in {@code crm_lead_embedding}
 * (under row-level security), searched by an exact cosine scan ({@link ExactVectorIndex}) over an
 * in-memory copy of the tenant's vectors.
 *
 * <p>The copy is refreshed before each search with only the rows written since the last refresh (a
 * per-tenant sequence, written under a per-tenant lock so rows commit in sequence order) and with deleted
 * leads dropped; hits are checked against the table, so a deleted lead is never returned. The answers equal
 * a scan of the table. The least recently searched tenants' copies are dropped beyond a bound and reload on
 * their next search.
 *
 * <p>Thread-safe; share one instance per application.
 */
public final class ExactScanStore implements LeadVectorStore {

  private final Transactions tx;
  private final int dimension;
  private final int maxCachedTenants;
  private final Map<TenantId, TenantVectors> caches = new ConcurrentHashMap<>();

  /**
   * A store over {@code transactions}.
   *
   * @param dimension dimensions of the stored vectors, e.g. 384 for all-MiniLM-L6-v2
   * @param maxCachedTenants how many tenants' vectors are kept in memory (about 1.6 KB per lead at 384
   *     dimensions)
   */
  public ExactScanStore(Transactions transactions, int dimension, int maxCachedTenants) {
    this.tx = Objects.requireNonNull(transactions, "transactions");
    if (dimension <= 0) {
      throw ValidationException.ofField("dimension", "not_positive", "dimension must be positive");
    }
    if (maxCachedTenants <= 0) {
      throw ValidationException.ofField("maxCachedTenants", "not_positive", "must be positive");
    }
    this.dimension = dimension;
    this.maxCachedTenants = maxCachedTenants;
  }

  @Override
  public String name() {
    return "exact";
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public Map<LeadId, String> textHashes(Connection c, TenantId tenant, Collection<LeadId> leads) throws SQLException {
    Map<LeadId, String> out = new HashMap<>();
    if (leads.isEmpty()) {
      return out;
    }
    try (PreparedStatement p =
        c.prepareStatement("select lead_id, text_hash from crm_lead_embedding where tenant_id = ? and lead_id = any (?)")) {
      p.setObject(1, tenant.value());
      p.setArray(2, c.createArrayOf("uuid", leads.stream().map(LeadId::value).toArray()));
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.put(new LeadId((UUID) rs.getObject(1)), rs.getString(2));
        }
      }
    }
    return out;
  }

  @Override
  public void store(Connection c, TenantId tenant, List<LeadVector> vectors) throws SQLException {
    if (vectors.isEmpty()) {
      return;
    }
    for (LeadVector v : vectors) {
      if (v.vector().length != dimension) {
        throw ValidationException.ofField(
            "vector", "wrong_dimension", "expected " + dimension + " dimensions, got " + v.vector().length);
      }
    }
    requireOwnLeads(c, tenant, vectors);
    lockTenantRows(c, tenant);
    try (PreparedStatement p =
        c.prepareStatement(
            "insert into crm_lead_embedding (lead_id, tenant_id, dimension, vector, text_hash, model, embedded_at)"
                + " values (?, ?, ?, ?, ?, ?, ?) on conflict (lead_id) do update set dimension = excluded.dimension,"
                + " vector = excluded.vector, text_hash = excluded.text_hash, model = excluded.model,"
                + " embedded_at = excluded.embedded_at, seq = nextval('crm_lead_embedding_seq')")) {
      for (LeadVector v : vectors) {
        p.setObject(1, v.lead().value());
        p.setObject(2, tenant.value());
        p.setInt(3, dimension);
        p.setBytes(4, toBytes(v.vector()));
        p.setString(5, v.textHash());
        p.setString(6, v.model());
        p.setObject(7, v.embeddedAt().atOffset(ZoneOffset.UTC));
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
    if (query.length != dimension) {
      throw ValidationException.ofField(
          "vector", "wrong_dimension", "expected " + dimension + " dimensions, got " + query.length);
    }
    TenantVectors cache = caches.computeIfAbsent(tenant, t -> new TenantVectors(dimension));
    cache.lastUsed = System.nanoTime();
    evictBeyond(maxCachedTenants, tenant);
    synchronized (cache) {
      return tx.inTenantJdbc(
          tenant,
          c -> {
            refresh(c, tenant, cache);
            while (true) {
              List<VectorMatch<LeadId>> hits = cache.index.topK(query, k);
              Set<UUID> gone = missing(c, tenant, hits);
              if (gone.isEmpty()) {
                return hits;
              }
              gone.forEach(id -> cache.index.remove(new LeadId(id)));
            }
          });
    }
  }

  /** Stored vectors of the tenant in the in-memory copy (after the last search's refresh). */
  public int cachedVectors(TenantId tenant) {
    TenantVectors cache = caches.get(tenant);
    if (cache == null) {
      return 0;
    }
    synchronized (cache) {
      return cache.index.size();
    }
  }

  /**
   * Drops the tenant's in-memory copy (it reloads on the tenant's next search), e.g. once an approximate
   * index answers for the tenant and this store no longer serves it.
   */
  void forget(TenantId tenant) {
    caches.remove(tenant);
  }

  /** float32, little-endian: the stored form. */
  public static byte[] toBytes(float[] vector) {
    ByteBuffer b = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(vector);
    return b.array();
  }

  /** Reads {@link #toBytes(float[])}'s form. */
  public static float[] fromBytes(byte[] bytes) {
    float[] v = new float[bytes.length / 4];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
    return v;
  }

  /** Drops the least recently searched tenants' copies beyond {@code max}; they reload on their next search. */
  private void evictBeyond(int max, TenantId keep) {
    while (caches.size() > max) {
      TenantId oldest = null;
      long oldestUse = Long.MAX_VALUE;
      for (Map.Entry<TenantId, TenantVectors> e : caches.entrySet()) {
        if (!e.getKey().equals(keep) && e.getValue().lastUsed < oldestUse) {
          oldest = e.getKey();
          oldestUse = e.getValue().lastUsed;
        }
      }
      if (oldest == null) {
        return;
      }
      caches.remove(oldest);
    }
  }

  private static final class TenantVectors {
    final ExactVectorIndex<LeadId> index;
    long seq;
    long removed;
    volatile long lastUsed;

    TenantVectors(int dimension) {
      this.index = new ExactVectorIndex<>(dimension);
    }
  }

  private void refresh(Connection c, TenantId tenant, TenantVectors cache) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "select lead_id, vector, seq from crm_lead_embedding where tenant_id = ? and seq > ? order by seq")) {
      p.setObject(1, tenant.value());
      p.setLong(2, cache.seq);
      p.setFetchSize(5_000);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          float[] v = fromBytes(rs.getBytes(2));
          if (v.length == dimension) {
            cache.index.put(new LeadId((UUID) rs.getObject(1)), v);
          }
          cache.seq = rs.getLong(3);
        }
      }
    }
    try (PreparedStatement p =
        c.prepareStatement("select id, lead_id from crm_embedding_removed where tenant_id = ? and id > ? order by id")) {
      p.setObject(1, tenant.value());
      p.setLong(2, cache.removed);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          cache.removed = rs.getLong(1);
          cache.index.remove(new LeadId((UUID) rs.getObject(2)));
        }
      }
    }
  }

  /**
   * Takes the tenant's embedding-write lock for the rest of the transaction: rows of one tenant then commit in
   * {@code seq} order, so a cache refreshed by {@code seq} never skips one.
   */
  static void lockTenantRows(Connection c, TenantId tenant) throws SQLException {
    try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(hashtextextended(?, 0))")) {
      lock.setString(1, "crm.embedding:" + tenant.value());
      lock.executeQuery().close();
    }
  }

  /**
   * Refuses vectors for leads that are not the tenant's. The foreign key alone would accept another
   * tenant's lead id (key checks bypass row-level security); reading the leads under it does not.
   */
  static void requireOwnLeads(Connection c, TenantId tenant, List<LeadVector> vectors) throws SQLException {
    Set<UUID> wanted = new HashSet<>();
    vectors.forEach(v -> wanted.add(v.lead().value()));
    try (PreparedStatement p = c.prepareStatement("select id from crm_lead where tenant_id = ? and id = any (?)")) {
      p.setObject(1, tenant.value());
      p.setArray(2, c.createArrayOf("uuid", wanted.toArray()));
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          wanted.remove((UUID) rs.getObject(1));
        }
      }
    }
    if (!wanted.isEmpty()) {
      throw ValidationException.ofField(
          "lead", "unknown_lead", wanted.size() + " lead(s) are not leads of tenant " + tenant + ": " + wanted);
    }
  }

  /** The hits whose embedding row is gone (their lead was deleted since the index loaded it); also HnswStore's check. */
  static Set<UUID> missing(Connection c, TenantId tenant, List<VectorMatch<LeadId>> hits) throws SQLException {
    if (hits.isEmpty()) {
      return Set.of();
    }
    Set<UUID> gone = new HashSet<>();
    hits.forEach(h -> gone.add(h.key().value()));
    try (PreparedStatement p =
        c.prepareStatement("select lead_id from crm_lead_embedding where tenant_id = ? and lead_id = any (?)")) {
      p.setObject(1, tenant.value());
      p.setArray(2, c.createArrayOf("uuid", gone.toArray()));
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          gone.remove((UUID) rs.getObject(1));
        }
      }
    }
    return gone;
  }
}
