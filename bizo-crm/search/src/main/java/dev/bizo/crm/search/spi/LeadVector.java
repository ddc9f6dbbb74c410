package dev.bizo.crm.search.spi;

import dev.bizo.core.ValidationException;
import dev.bizo.crm.LeadId;
import java.time.Instant;
import java.util.Objects;

/**
 * One lead's embedding as a {@link LeadVectorStore} keeps it.
 *
 * @param lead the lead the vector describes
 * @param vector the embedding of the lead's text; the array is copied, never shared
 * @param textHash identifies the text and model the vector was computed from; the indexer compares it to
 *     skip leads whose text did not change
 * @param model the name of the embedding model, stored beside the vector
 * @param embeddedAt when the vector was computed
 */
public record LeadVector(LeadId lead, float[] vector, String textHash, String model, Instant embeddedAt) {

  public LeadVector {
    Objects.requireNonNull(lead, "lead");
    Objects.requireNonNull(vector, "vector");
    Objects.requireNonNull(embeddedAt, "embeddedAt");
    if (vector.length == 0) {
      throw ValidationException.ofField("vector", "empty", "a vector has at least one dimension");
    }
    if (textHash == null || textHash.isBlank()) {
      throw ValidationException.ofField("textHash", "required", "a text hash is required");
    }
    if (model == null || model.isBlank()) {
      throw ValidationException.ofField("model", "required", "a model name is required");
    }
    vector = vector.clone();
  }

  /** A copy of the vector. */
  @Override
  public float[] vector() {
    return vector.clone();
  }
}
