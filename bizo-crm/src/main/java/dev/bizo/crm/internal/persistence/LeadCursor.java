package dev.bizo.crm.internal.persistence;

import dev.bizo.core.ValidationException;
import dev.bizo.crm.LeadSort;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * The keyset position after the last row of a page: sort key, direction, the row's sort value and id,
 * as opaque base64url text. Decoding refuses a cursor made for another order.
 */
public record LeadCursor(LeadSort sort, boolean descending, Object value, UUID id) {

  private static final String VERSION = "c1";

  /** Encodes the position. */
  public String encode() {
    String v;
    if (value instanceof Instant) {
      Instant t = (Instant) value;
      v = t.getEpochSecond() + "." + t.getNano();
    } else {
      v = value.toString();
    }
    String raw = VERSION + "|" + sort.name() + "|" + (descending ? "d" : "a") + "|" + id + "|" + v;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** Decodes a cursor produced for the same sort key and direction. */
  public static LeadCursor decode(String text, LeadSort sort, boolean descending) {
    String[] parts;
    try {
      parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|", 5);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (parts.length != 5 || !parts[0].equals(VERSION)) {
      throw invalid();
    }
    if (!parts[1].equals(sort.name()) || !parts[2].equals(descending ? "d" : "a")) {
      throw ValidationException.ofField("cursor", "order_changed", "the cursor belongs to a query with another order");
    }
    try {
      UUID id = UUID.fromString(parts[3]);
      Object value = switch (sort) {
        case CREATED_AT -> {
          String[] t = parts[4].split("\\.", 2);
          yield Instant.ofEpochSecond(Long.parseLong(t[0]), Long.parseLong(t[1]));
        }
        case SCORE -> Integer.valueOf(parts[4]);
        case NAME -> parts[4];
      };
      return new LeadCursor(sort, descending, value, id);
    } catch (RuntimeException e) {
      throw invalid();
    }
  }

  private static ValidationException invalid() {
    return ValidationException.ofField("cursor", "invalid", "not a cursor returned by this service");
  }
}
