package dev.bizo.agents.data;

import java.time.Instant;
import java.util.Objects;

/**
 * A brand note as stored.
 *
 * @param id the note's id
 * @param text the note
 * @param createdAt when it was added
 */
public record StoredBrandNote(BrandNoteId id, String text, Instant createdAt) {

  /** Requires every field. */
  public StoredBrandNote {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
