package dev.bizo.crm.search;

import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.core.vector.VectorMatch;
import dev.bizo.crm.LeadId;
import dev.bizo.crm.search.spi.LeadVector;
import dev.bizo.crm.search.spi.LeadVectorStore;
import dev.bizo.tenancy.Transactions;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Semantic "find leads like this" over embeddings kept by a {@link LeadVectorStore} (by default the
 * {@link ExactScanStore}: float32 vectors in {@code crm_lead_embedding} under row-level security), kept up
 * to date off the request path.
 *
 * <p><b>Indexing.</b> Every lead write that may change a lead's text ({@code create}, {@code update}, a
 * NOTE activity) queues the lead in the same transaction. {@link #indexPending} drains the queue: it
 * claims queued leads with {@code FOR UPDATE SKIP LOCKED} (replicas share the work), embeds the text of
 * those whose {@link LeadText} changed, and hands the vectors to the store in the same transaction. Run it
 * from a recurring background job; search is eventually consistent with writes. The queue table ({@code
 * crm_embedding_pending}) is the CRM's: its lead writes fill it whether or not search is used.
 *
 * <p><b>Search.</b> The description is embedded with the model and the store ranks the tenant's vectors
 * ({@link LeadVectorStore#nearest}).
 *
 * <p>Thread-safe; share one instance (and its model) per application.
 */
public final class LeadEmbeddingIndex {

  private final Transactions tx;
  private final EmbeddingModel model;
  private final String modelName;
  private final Clock clock;
  private final int dimension;
  private final LeadVectorStore store;

  private LeadEmbeddingIndex(Builder b) {
    this.tx = b.transactions;
    this.model = b.model;
    this.clock = b.clock;
    this.dimension = b.model.dimension();
    this.modelName = b.modelName != null ? b.modelName : b.model.getClass().getSimpleName() + "/" + dimension;
    this.store = b.store != null ? b.store : new ExactScanStore(b.transactions, dimension, b.maxCachedTenants);
    if (store.dimension() != dimension) {
      throw ValidationException.ofField(
          "store", "wrong_dimension", "the store keeps " + store.dimension() + " dimensions, the model embeds " + dimension);
    }
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

  /** The store that keeps and ranks the vectors. */
  public LeadVectorStore store() {
    return store;
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
            Map<UUID, String> texts = texts(c, tenant, ids);
            Map<LeadId, String> stored = store.textHashes(c, tenant, ids.stream().map(LeadId::new).toList());
            List<LeadId> changed = new ArrayList<>();
            List<TextSegment> segments = new ArrayList<>();
            Map<LeadId, String> hashes = new HashMap<>();
            for (Map.Entry<UUID, String> e : texts.entrySet()) {
              LeadId lead = new LeadId(e.getKey());
              String hash = hash(e.getValue());
              if (hash.equals(stored.get(lead))) {
                unchanged++;
              } else {
                changed.add(lead);
                hashes.put(lead, hash);
                segments.add(TextSegment.from(e.getValue()));
              }
            }
            if (!segments.isEmpty()) {
              List<Embedding> vectors = model.embedAll(segments).content();
              Instant now = clock.instant();
              List<LeadVector> rows = new ArrayList<>(changed.size());
              for (int i = 0; i < changed.size(); i++) {
                rows.add(new LeadVector(changed.get(i), vectors.get(i).vector(), hashes.get(changed.get(i)), modelName, now));
              }
              store.store(c, tenant, rows);
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
            p.setObject(1, clock.instant().atOffset(ZoneOffset.UTC));
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
    return store.nearest(tenant, query, k);
  }

  /**
   * Lets the store get ready for the tenant's searches in the background (e.g. build its approximate index);
   * returns at once. A background job may call it for every tenant after start.
   */
  public void prepare(TenantId tenant) {
    store.prepare(Objects.requireNonNull(tenant, "tenant"));
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

  /**
   * Stored vectors of the tenant in the {@link ExactScanStore}'s in-memory copy (after the last search's
   * refresh); 0 for any other store.
   */
  public int cachedVectors(TenantId tenant) {
    return store instanceof ExactScanStore exact ? exact.cachedVectors(tenant) : 0;
  }

  /** The {@link LeadText} of each lead, read from the CRM's tables under the tenant's row-level security. */
  private static Map<UUID, String> texts(Connection c, TenantId tenant, List<UUID> ids) throws SQLException {
    Map<UUID, String[]> parts = new LinkedHashMap<>();
    try (PreparedStatement p = c.prepareStatement(
        "select id, name, job_title, company, industry from crm_lead where tenant_id = ? and id = any (?)")) {
      p.setObject(1, tenant.value());
      p.setArray(2, c.createArrayOf("uuid", ids.toArray()));
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          parts.put((UUID) rs.getObject(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)});
        }
      }
    }
    Map<UUID, List<String>> notes = new HashMap<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "select lead_id, detail from crm_activity where lead_id = any (?) and type = 'NOTE' order by occurred_at, id")) {
      p.setArray(1, c.createArrayOf("uuid", ids.toArray()));
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          String detail = rs.getString(2);
          if (detail != null) {
            notes.computeIfAbsent((UUID) rs.getObject(1), k -> new ArrayList<>()).add(detail);
          }
        }
      }
    }
    Map<UUID, String> out = new LinkedHashMap<>();
    parts.forEach((id, f) -> out.put(id, LeadText.of(
        f[0], Optional.ofNullable(f[1]), Optional.ofNullable(f[2]), Optional.ofNullable(f[3]), notes.getOrDefault(id, List.of()))));
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

  /** float32, little-endian: the form {@link ExactScanStore} stores. */
  public static byte[] toBytes(float[] vector) {
    return ExactScanStore.toBytes(vector);
  }

  /** Reads {@link #toBytes(float[])}'s form. */
  public static float[] fromBytes(byte[] bytes) {
    return ExactScanStore.fromBytes(bytes);
  }

  /** Collects a {@link LeadEmbeddingIndex}. */
  public static final class Builder {
    private final Transactions transactions;
    private final EmbeddingModel model;
    private Clock clock = Clock.systemUTC();
    private String modelName;
    private int maxCachedTenants = 32;
    private LeadVectorStore store;

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
     * Where vectors are kept and ranked (default an {@link ExactScanStore}); its dimension must be the
     * model's.
     */
    public Builder store(LeadVectorStore value) {
      this.store = Objects.requireNonNull(value, "store");
      return this;
    }

    /**
     * How many tenants' vectors the default {@link ExactScanStore} keeps in memory (default 32); the least
     * recently searched are dropped beyond it and reloaded on their next search. Memory is about 1.6 KB
     * per lead at 384 dimensions.
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
