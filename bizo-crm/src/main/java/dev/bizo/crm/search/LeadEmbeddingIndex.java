package dev.bizo.crm.search;

import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.crm.Activity;
import dev.bizo.crm.ActivityType;
import dev.bizo.crm.LeadId;
import dev.bizo.crm.StoredLead;
import dev.bizo.crm.internal.persistence.LeadRows;
import dev.bizo.tenancy.Transactions;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Semantic "find leads like this" over embeddings stored in PostgreSQL ({@code crm_lead_embedding},
 * float32 vectors under row-level security), kept up to date off the request path.
 *
 * <p><b>Indexing.</b> Every lead write that may change a lead's text ({@code create}, {@code update}, a
 * NOTE activity) queues the lead in the same transaction. {@link #indexPending} drains the queue: it
 * claims queued leads with {@code FOR UPDATE SKIP LOCKED} (replicas share the work), embeds the text of
 * those whose {@link LeadText} changed, and stores the vectors. Run it from a recurring background job;
 * search is eventually consistent with writes.
 *
 * <p><b>Search.</b> An exact cosine scan ({@link ExactVectorIndex}) over an in-memory copy of the
 * tenant's vectors, refreshed before each search with only the rows written since the last refresh
 * (a per-tenant sequence, written under a per-tenant lock so rows commit in sequence order) and with
 * deleted leads dropped; hits are checked against the table, so a deleted lead is never returned. The
 * answers equal a scan of the table. pgvector is not used: it is not installed on the build machine.
 *
 * <p>Thread-safe; share one instance (and its model) per application.
 */
public final class LeadEmbeddingIndex {

  private final Transactions tx;
  private final EmbeddingModel model;
  private final String modelName;
  private final Clock clock;
  private final int dimension;
  private final Map<TenantId, TenantVectors> caches = new ConcurrentHashMap<>();
  private final int maxCachedTenants;

  private LeadEmbeddingIndex(Builder b) {
    this.tx = b.transactions;
    this.model = b.model;
    this.clock = b.clock;
    this.maxCachedTenants = b.maxCachedTenants;
    this.dimension = b.model.dimension();
    this.modelName = b.modelName != null ? b.modelName : b.model.getClass().getSimpleName() + "/" + dimension;
  }

  /**
   * An index over {@code transactions} embedding with {@code model} (e.g. {@link
   * SemanticLeadSearch#defaultModel()}, loaded once and shared).
   */
  public static Builder builder(Transactions transactions, EmbeddingModel model) {
    return new Builder(transactions, model);
  }

  /** Dimensions of the stored vectors. */
  public int dimension() {
    return dimension;
  }

  /**
   * Embeds up to {@code limit} queued leads of the tenant and stores their vectors, in one
   * transaction. Idempotent and safe on several replicas at once.
   *
   * @return how many were embedded, skipped as unchanged, and are still queued
   */
  public IndexingBatch indexPending(TenantId tenant, int limit) {
    if (limit <= 0) {
      throw ValidationException.ofField("limit", "not_positive", "limit must be positive");
    }
    return tx.inTenantJdbc(
        tenant,
        c -> {
          List<UUID> ids = new ArrayList<>();
          try (PreparedStatement p =
              c.prepareStatement(
                  "select lead_id from crm_embedding_pending where tenant_id = ?"
                      + " order by enqueued_at, lead_id limit ? for update skip locked")) {
            p.setObject(1, tenant.value());
            p.setInt(2, limit);
            try (ResultSet rs = p.executeQuery()) {
              while (rs.next()) {
                ids.add((UUID) rs.getObject(1));
              }
            }
          }
          int embedded = 0;
          int unchanged = 0;
          if (!ids.isEmpty()) {
            Map<UUID, String> texts = texts(c, ids);
            Map<UUID, String> stored = storedHashes(c, ids);
            List<UUID> changed = new ArrayList<>();
            List<TextSegment> segments = new ArrayList<>();
            Map<UUID, String> hashes = new HashMap<>();
            for (Map.Entry<UUID, String> e : texts.entrySet()) {
              String hash = hash(e.getValue());
              if (hash.equals(stored.get(e.getKey()))) {
                unchanged++;
              } else {
                changed.add(e.getKey());
                hashes.put(e.getKey(), hash);
                segments.add(TextSegment.from(e.getValue()));
              }
            }
            if (!segments.isEmpty()) {
              List<Embedding> vectors = model.embedAll(segments).content();
              // rows of one tenant commit in seq order, so a search cache never skips one
              try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(hashtextextended(?, 0))")) {
                lock.setString(1, "crm.embedding:" + tenant.value());
                lock.executeQuery().close();
              }
              try (PreparedStatement p =
                  c.prepareStatement(
                      "insert into crm_lead_embedding (lead_id, tenant_id, dimension, vector, text_hash, model, embedded_at)"
                          + " values (?, ?, ?, ?, ?, ?, ?) on conflict (lead_id) do update set dimension = excluded.dimension,"
                          + " vector = excluded.vector, text_hash = excluded.text_hash, model = excluded.model,"
                          + " embedded_at = excluded.embedded_at, seq = nextval('crm_lead_embedding_seq')")) {
                for (int i = 0; i < changed.size(); i++) {
                  float[] v = vectors.get(i).vector();
                  p.setObject(1, changed.get(i));
                  p.setObject(2, tenant.value());
                  p.setInt(3, v.length);
                  p.setBytes(4, toBytes(v));
                  p.setString(5, hashes.get(changed.get(i)));
                  p.setString(6, modelName);
                  p.setObject(7, LeadRows.ts(clock.instant()));
                  p.addBatch();
                }
                p.executeBatch();
              }
              embedded = changed.size();
            }
            try (PreparedStatement p = c.prepareStatement("delete from crm_embedding_pending where lead_id = any (?)")) {
              p.setArray(1, c.createArrayOf("uuid", ids.toArray()));
              p.executeUpdate();
            }
          }
          long remaining;
          try (PreparedStatement p = c.prepareStatement("select count(*) from crm_embedding_pending where tenant_id = ?")) {
            p.setObject(1, tenant.value());
            try (ResultSet rs = p.executeQuery()) {
              rs.next();
              remaining = rs.getLong(1);
            }
          }
          return new IndexingBatch(embedded, unchanged, remaining);
        });
  }

  /**
   * Queues every lead of the tenant for (re-)embedding, e.g. after switching models; leads whose text
   * and model are unchanged are skipped cheaply by {@link #indexPending}.
   *
   * @return how many leads were queued
   */
  public int reindexAll(TenantId tenant) {
    return tx.inTenantJdbc(
        tenant,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "insert into crm_embedding_pending (lead_id, tenant_id, enqueued_at) select id, tenant_id, ?"
                      + " from crm_lead where tenant_id = ? on conflict (lead_id) do nothing")) {
            p.setObject(1, LeadRows.ts(clock.instant()));
            p.setObject(2, tenant.value());
            return p.executeUpdate();
          }
        });
  }

  /**
   * The tenant's leads most similar to a description, most similar first.
   *
   * @param description free text, e.g. "CFO of a logistics firm who wants invoicing"
   * @param k how many, positive
   */
  public List<VectorMatch<LeadId>> findSimilar(TenantId tenant, String description, int k) {
    if (description == null || description.isBlank()) {
      throw ValidationException.ofField("description", "required", "nothing to search for");
    }
    return findSimilar(tenant, model.embed(description).content().vector(), k);
  }

  /**
   * The tenant's leads whose stored vectors are most similar to {@code query}, most similar first.
   *
   * @throws ValidationException for a vector of the wrong dimension or a non-positive {@code k}
   */
  public List<VectorMatch<LeadId>> findSimilar(TenantId tenant, float[] query, int k) {
    Objects.requireNonNull(tenant, "tenant");
    if (k <= 0) {
      throw ValidationException.ofField("k", "not_positive", "k must be positive");
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
              Set<UUID> gone = missing(c, hits);
              if (gone.isEmpty()) {
                return hits;
              }
              gone.forEach(id -> cache.index.remove(new LeadId(id)));
            }
          });
    }
  }

  /** Leads of the tenant waiting to be embedded. */
  public long pending(TenantId tenant) {
    return tx.inTenantJdbc(
        tenant,
        c -> {
          try (PreparedStatement p = c.prepareStatement("select count(*) from crm_embedding_pending where tenant_id = ?")) {
            p.setObject(1, tenant.value());
            try (ResultSet rs = p.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  /** Stored vectors of the tenant in the in-memory search copy (after the last search's refresh). */
  public int cachedVectors(TenantId tenant) {
    TenantVectors cache = caches.get(tenant);
    if (cache == null) {
      return 0;
    }
    synchronized (cache) {
      return cache.index.size();
    }
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

  private Set<UUID> missing(Connection c, List<VectorMatch<LeadId>> hits) throws SQLException {
    if (hits.isEmpty()) {
      return Set.of();
    }
    Set<UUID> gone = new HashSet<>();
    hits.forEach(h -> gone.add(h.key().value()));
    try (PreparedStatement p = c.prepareStatement("select lead_id from crm_lead_embedding where lead_id = any (?)")) {
      p.setArray(1, c.createArrayOf("uuid", gone.toArray()));
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          gone.remove((UUID) rs.getObject(1));
        }
      }
    }
    return gone;
  }

  private Map<UUID, String> texts(Connection c, List<UUID> ids) throws SQLException {
    Map<UUID, StoredLead> leads = new LinkedHashMap<>();
    try (PreparedStatement p = c.prepareStatement("select " + LeadRows.COLUMNS + " from crm_lead where id = any (?)")) {
      p.setArray(1, c.createArrayOf("uuid", ids.toArray()));
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          StoredLead l = LeadRows.read(rs, clock);
          leads.put(l.id().value(), l);
        }
      }
    }
    Map<UUID, List<Activity>> notes = new HashMap<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "select lead_id, occurred_at, detail from crm_activity where lead_id = any (?) and type = 'NOTE' order by occurred_at, id")) {
      p.setArray(1, c.createArrayOf("uuid", ids.toArray()));
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          notes.computeIfAbsent((UUID) rs.getObject(1), k -> new ArrayList<>())
              .add(new Activity(ActivityType.NOTE, LeadRows.instant(rs, "occurred_at"), rs.getString(3)));
        }
      }
    }
    Map<UUID, String> out = new LinkedHashMap<>();
    leads.forEach((id, l) -> out.put(id, LeadText.of(l.lead(), notes.getOrDefault(id, List.of()))));
    return out;
  }

  private Map<UUID, String> storedHashes(Connection c, List<UUID> ids) throws SQLException {
    Map<UUID, String> out = new HashMap<>();
    try (PreparedStatement p = c.prepareStatement("select lead_id, text_hash from crm_lead_embedding where lead_id = any (?)")) {
      p.setArray(1, c.createArrayOf("uuid", ids.toArray()));
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.put((UUID) rs.getObject(1), rs.getString(2));
        }
      }
    }
    return out;
  }

  /** SHA-256 of the model name and the text: a new model or a new text means a new embedding. */
  private String hash(String text) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(modelName.getBytes(StandardCharsets.UTF_8));
      d.update((byte) 0);
      return HexFormat.of().formatHex(d.digest(text.getBytes(StandardCharsets.UTF_8)), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
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

  /** Collects a {@link LeadEmbeddingIndex}. */
  public static final class Builder {
    private final Transactions transactions;
    private final EmbeddingModel model;
    private Clock clock = Clock.systemUTC();
    private String modelName;
    private int maxCachedTenants = 32;

    private Builder(Transactions transactions, EmbeddingModel model) {
      this.transactions = Objects.requireNonNull(transactions, "transactions");
      this.model = Objects.requireNonNull(model, "model");
    }

    /** The clock for {@code embedded_at} (default system UTC). */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * The name stored with each vector (default the model's class and dimension); changing it makes
     * every lead's text count as changed.
     */
    public Builder modelName(String value) {
      if (value == null || value.isBlank()) {
        throw ValidationException.ofField("modelName", "required", "a model name is required");
      }
      this.modelName = value;
      return this;
    }

    /**
     * How many tenants' vectors are kept in memory for search (default 32); the least recently searched
     * are dropped beyond it and reloaded on their next search. Memory is about 1.6 KB per lead at 384
     * dimensions.
     */
    public Builder maxCachedTenants(int value) {
      if (value <= 0) {
        throw ValidationException.ofField("maxCachedTenants", "not_positive", "must be positive");
      }
      this.maxCachedTenants = value;
      return this;
    }

    /** Builds the index. */
    public LeadEmbeddingIndex build() {
      return new LeadEmbeddingIndex(this);
    }
  }
}
