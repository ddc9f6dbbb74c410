package dev.bizo.server.api;

import dev.bizo.core.ValidationException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Instants from query parameters: ISO-8601 instants or dates (midnight UTC), and a 422 naming the field otherwise. */
public final class InstantParameters {

  private InstantParameters() {}

  /** The instant {@code text} names; empty for an absent or blank parameter. */
  public static Optional<Instant> parse(String field, String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text.strip()));
    } catch (DateTimeParseException e) {
      try {
        return Optional.of(LocalDate.parse(text.strip()).atStartOfDay(ZoneOffset.UTC).toInstant());
      } catch (DateTimeParseException notADate) {
        throw ValidationException.ofField(field, "invalid_instant", "An ISO-8601 instant or date, e.g. 2026-01-01");
      }
    }
  }
}
