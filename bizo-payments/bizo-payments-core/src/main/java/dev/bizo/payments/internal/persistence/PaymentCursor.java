package dev.bizo.payments.internal.persistence;

import dev.bizo.core.ValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * A position in {@link PaymentStore#list}: the last row's creation time and id, opaque to clients (URL-safe
 * Base64), so the next page starts strictly after it whatever was inserted meanwhile.
 */
record PaymentCursor(Instant createdAt, UUID id) {

  String encode() {
    String raw = createdAt.truncatedTo(ChronoUnit.MICROS) + "|" + id;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The cursor {@link #encode} wrote.
   *
   * @throws ValidationException {@code cursor} when the text is not such a cursor
   */
  static PaymentCursor decode(String cursor) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      int bar = raw.indexOf('|');
      return new PaymentCursor(Instant.parse(raw.substring(0, bar)), UUID.fromString(raw.substring(bar + 1)));
    } catch (RuntimeException e) {
      throw ValidationException.ofField("cursor", "invalid", "Not a cursor returned by list");
    }
  }
}
