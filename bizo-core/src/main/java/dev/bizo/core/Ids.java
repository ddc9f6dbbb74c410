package dev.bizo.core;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.util.Objects;
import java.util.UUID;

/** Generates and parses identifiers. New ids are UUIDv7 (RFC 9562), time-ordered. */
public final class Ids {

  private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

  private Ids() {}

  /** A new UUIDv7. */
  public static UUID newUuid() {
    return GENERATOR.generate();
  }

  /**
   * Parses a UUID, reporting a bad value as a validation error on the named field.
   *
   * @throws ValidationException if {@code text} is not a UUID
   */
  public static UUID parse(String field, String text) {
    Objects.requireNonNull(field, "field");
    if (text == null || text.length() != 36) {
      throw ValidationException.ofField(field, "not_an_id", "'" + text + "' is not an id");
    }
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw ValidationException.ofField(field, "not_an_id", "'" + text + "' is not an id");
    }
  }
}
