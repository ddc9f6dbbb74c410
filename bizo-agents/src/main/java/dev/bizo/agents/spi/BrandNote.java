package dev.bizo.agents.spi;

import dev.bizo.core.ValidationException;

/**
 * A passage from the tenant's brand notes (tone of voice, claims, product facts), found by semantic search.
 *
 * @param id the note's id
 * @param text the passage
 * @param relevance similarity to the query, 0 to 1
 */
public record BrandNote(String id, String text, double relevance) {

  /** Validates the note. */
  public BrandNote {
    if (id == null || id.isBlank() || text == null || text.isBlank()) {
      throw ValidationException.ofField("text", "brand_note.blank", "brand note needs an id and text");
    }
    if (relevance < 0 || relevance > 1) {
      throw ValidationException.ofField("relevance", "brand_note.relevance_range", "relevance must be 0..1");
    }
  }
}
