package dev.bizo.crm.search;

import dev.bizo.core.ValidationException;

/**
 * What one {@link LeadEmbeddingIndex#indexPending} call did.
 *
 * @param embedded leads whose text was (re-)embedded and stored
 * @param unchanged queued leads whose text had not changed since their stored embedding
 * @param remaining leads still queued after this call (zero means caught up)
 */
public record IndexingBatch(int embedded, int unchanged, long remaining) {

  public IndexingBatch {
    if (embedded < 0 || unchanged < 0 || remaining < 0) {
      throw ValidationException.ofField("embedded", "out_of_range", "counts must be non-negative");
    }
  }

  /** Whether the queue was empty after this call. */
  public boolean done() {
    return remaining == 0;
  }
}
