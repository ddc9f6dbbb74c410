package dev.bizo.agents.data;

import dev.bizo.agents.spi.BrandNote;
import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.core.vector.ExactVectorIndex;
import dev.bizo.core.vector.VectorMatch;
import dev.bizo.tenancy.Transactions;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A tenant's brand notes (tone of voice, claims, product facts), stored per tenant under row-level security
 * (table {@code agents_brand_note} of {@link dev.bizo.agents.AgentsPersistence#MODULE}) and found by meaning:
 * each note is embedded when added, with the embedding model the application passes in (the reference server
 * passes {@code bizo-crm-search}'s bundled all-MiniLM-L6-v2, in-process and offline), and a search ranks the
 * tenant's notes by exact cosine similarity with core's {@link ExactVectorIndex}. This is what grounds the
 * content creator. This module depends on no embedding model: an application without brand notes loads none.
 *
 * <pre>{@code
 * BrandNotes notes = new BrandNotes(db.transactions(), BundledModel.load(), clock); // from bizo-crm-search
 * notes.add(tenant, "We say 'invoices paid in one click', never 'cheap'.");
 * notes.search(tenant, "how do we talk about price?", 3);
 * }</pre>
 *
 * <p>A search loads the tenant's vectors and scans them, which suits the tens to thousands of notes a brand
 * keeps. Thread-safe.
 */
public final class BrandNotes {

  /** The longest note accepted, in characters. */
  public static final int MAX_TEXT = 4000;

  private final Transactions tx;
  private final EmbeddingModel model;
  private final Clock clock;

  /**
   * Notes stored through {@code tx} and embedded with {@code model}.
   *
   * @param tx the transactions of a database migrated with {@link dev.bizo.agents.AgentsPersistence#modules()}
   * @param model the embedding model; share one instance (e.g. {@code dev.bizo.crm.search.BundledModel.load()} of
   *     {@code bizo-crm-search})
   * @param clock stamps new notes
   */
  public BrandNotes(Transactions tx, EmbeddingModel model, Clock clock) {
    this.tx = Objects.requireNonNull(tx, "tx");
    this.model = Objects.requireNonNull(model, "model");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Adds a note.
   *
   * @param tenant the tenant
   * @param text the note, 1 to {@value #MAX_TEXT} characters
   * @return the stored note
   */
  public StoredBrandNote add(TenantId tenant, String text) {
    if (text == null || text.isBlank() || text.length() > MAX_TEXT) {
      throw ValidationException.ofField("text", "brand_note.text_invalid",
          "a brand note has 1 to " + MAX_TEXT + " characters");
    }
    String note = text.strip();
    float[] vector = model.embed(note).content().vector();
    StoredBrandNote stored = new StoredBrandNote(BrandNoteId.generate(), note,
        clock.instant().truncatedTo(ChronoUnit.MICROS));
    tx.inTenantJdbc(tenant, c -> {
      try (PreparedStatement s = c.prepareStatement(
          "insert into agents_brand_note (id, tenant_id, text, embedding, created_at) values (?, ?, ?, ?, ?)")) {
        Float[] boxed = new Float[vector.length];
        for (int i = 0; i < vector.length; i++) {
          boxed[i] = vector[i];
        }
        s.setObject(1, stored.id().value());
        s.setObject(2, tenant.value());
        s.setString(3, note);
        s.setArray(4, c.createArrayOf("real", boxed));
        s.setTimestamp(5, Timestamp.from(stored.createdAt()));
        s.executeUpdate();
      }
      return null;
    });
    return stored;
  }

  /**
   * The tenant's notes, oldest first.
   *
   * @param tenant the tenant
   * @return the notes
   */
  public List<StoredBrandNote> list(TenantId tenant) {
    return tx.inTenantJdbc(tenant, c -> {
      List<StoredBrandNote> notes = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(
          "select id, text, created_at from agents_brand_note where tenant_id = ? order by created_at, id")) {
        s.setObject(1, tenant.value());
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            notes.add(new StoredBrandNote(new BrandNoteId(r.getObject(1, UUID.class)), r.getString(2),
                r.getTimestamp(3).toInstant()));
          }
        }
      }
      return notes;
    });
  }

  /**
   * Deletes a note.
   *
   * @param tenant the tenant
   * @param id the note
   * @return whether it existed
   */
  public boolean delete(TenantId tenant, BrandNoteId id) {
    return tx.inTenantJdbc(tenant, c -> {
      try (PreparedStatement s = c.prepareStatement("delete from agents_brand_note where tenant_id = ? and id = ?")) {
        s.setObject(1, tenant.value());
        s.setObject(2, id.value());
        return s.executeUpdate() == 1;
      }
    });
  }

  /**
   * The notes closest in meaning to a query, most relevant first. Notes with no positive similarity are left
   * out.
   *
   * @param tenant the tenant
   * @param query what the caller is looking for
   * @param limit the most notes to return, at least 1
   * @return the notes, relevance being the cosine similarity (0 to 1)
   */
  public List<BrandNote> search(TenantId tenant, String query, int limit) {
    if (limit < 1) {
      throw ValidationException.ofField("limit", "limit.too_small", "limit must be at least 1");
    }
    if (query == null || query.isBlank()) {
      throw ValidationException.ofField("query", "brand_note.query_blank", "query is blank");
    }
    ExactVectorIndex<UUID> index = new ExactVectorIndex<>(model.dimension());
    Map<UUID, String> texts = new HashMap<>();
    tx.inTenantJdbc(tenant, c -> {
      try (PreparedStatement s = c.prepareStatement(
          "select id, text, embedding from agents_brand_note where tenant_id = ? order by created_at, id")) {
        s.setObject(1, tenant.value());
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            UUID id = r.getObject(1, UUID.class);
            Array array = r.getArray(3);
            Object[] values = (Object[]) array.getArray();
            float[] vector = new float[values.length];
            for (int i = 0; i < values.length; i++) {
              vector[i] = ((Number) values[i]).floatValue();
            }
            index.put(id, vector);
            texts.put(id, r.getString(2));
          }
        }
      }
      return null;
    });
    if (index.size() == 0) {
      return List.of();
    }
    List<BrandNote> found = new ArrayList<>();
    for (VectorMatch<UUID> match : index.topK(model.embed(query.strip()).content().vector(), limit)) {
      double relevance = Math.min(1.0, match.similarity());
      if (relevance > 0) {
        found.add(new BrandNote(match.key().toString(), texts.get(match.key()), relevance));
      }
    }
    return found;
  }
}
