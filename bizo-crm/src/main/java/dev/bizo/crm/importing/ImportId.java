package dev.bizo.crm.importing;

import dev.bizo.core.Ids;
import dev.bizo.core.TypedId;
import java.util.Objects;
import java.util.UUID;

/**
 * The id of a stored, resumable import record.
 *
 * @param value the UUID
 */
public record ImportId(UUID value) implements TypedId {

  public ImportId {
    Objects.requireNonNull(value, "value");
  }

  /** A new time-ordered id. */
  public static ImportId generate() {
    return new ImportId(Ids.newUuid());
  }

  /** Parses the canonical UUID form. */
  public static ImportId parse(String text) {
    return new ImportId(Ids.parse("importId", text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
