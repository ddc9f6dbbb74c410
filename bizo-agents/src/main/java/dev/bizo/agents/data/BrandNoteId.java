package dev.bizo.agents.data;

import dev.bizo.core.Ids;
import dev.bizo.core.TypedId;
import java.util.Objects;
import java.util.UUID;

/**
 * Identifies one of a tenant's brand notes.
 *
 * @param value the UUID
 */
public record BrandNoteId(UUID value) implements TypedId {

  /** Requires a value. */
  public BrandNoteId {
    Objects.requireNonNull(value, "value");
  }

  /**
   * A new time-ordered id.
   *
   * @return the id
   */
  public static BrandNoteId generate() {
    return new BrandNoteId(Ids.newUuid());
  }

  /**
   * Parses the text form.
   *
   * @param text a UUID
   * @return the id
   * @throws dev.bizo.core.ValidationException when the text is not a UUID
   */
  public static BrandNoteId parse(String text) {
    return new BrandNoteId(Ids.parse("brandNoteId", text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
