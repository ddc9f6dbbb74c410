package dev.bizo.crm.search;

import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.core.vector.ExactVectorIndex;
import dev.bizo.core.vector.VectorMatch;
import dev.bizo.crm.Activity;
import dev.bizo.crm.Lead;
import dev.bizo.crm.LeadId;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.List;
import java.util.Objects;

/**
 * "Find leads like this description" for one tenant: leads are described by {@link LeadText},
 * embedded in-process (all-MiniLM-L6-v2 by default, offline, 384 dimensions) and ranked by exact
 * cosine similarity. The persistent store reuses {@link #embed(String)} and {@link
 * ExactVectorIndex}'s ranking; this in-memory form serves tests and small tenants.
 */
public final class SemanticLeadSearch {

  private final TenantId tenantId;
  private final EmbeddingModel model;
  private final ExactVectorIndex<LeadId> index;

  /**
   * A search over one tenant's leads.
   *
   * @param tenantId the only tenant whose leads may be indexed
   * @param model the embedding model; share one instance, loading it takes seconds
   */
  public SemanticLeadSearch(TenantId tenantId, EmbeddingModel model) {
    this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
    this.model = Objects.requireNonNull(model, "model");
    this.index = new ExactVectorIndex<>(model.dimension());
  }

  /** Loads the {@link BundledModel} now (about a second; reuse the instance). */
  public static EmbeddingModel defaultModel() {
    return BundledModel.load();
  }

  /** The embedding of a text. */
  public float[] embed(String text) {
    if (text == null || text.isBlank()) {
      throw ValidationException.ofField("text", "required", "nothing to embed");
    }
    return model.embed(text).content().vector();
  }

  /**
   * Indexes or re-indexes a lead.
   *
   * @throws ValidationException coded {@code other_tenant} for a lead of another tenant
   */
  public void index(Lead lead, List<Activity> activities) {
    if (!lead.tenantId().equals(tenantId)) {
      throw ValidationException.ofField(
          "lead", "other_tenant", "lead " + lead.id() + " belongs to another tenant");
    }
    index.put(lead.id(), embed(LeadText.of(lead, activities)));
  }

  /** Drops a lead from the index; returns whether it was there. */
  public boolean remove(LeadId id) {
    return index.remove(id);
  }

  /** Number of indexed leads. */
  public int size() {
    return index.size();
  }

  /**
   * The leads most similar to a description, most similar first.
   *
   * @param description free text, e.g. "CFO of a mid-size logistics firm interested in invoicing"
   * @param k how many leads to return
   */
  public List<VectorMatch<LeadId>> findSimilar(String description, int k) {
    return index.topK(embed(description), k);
  }
}
