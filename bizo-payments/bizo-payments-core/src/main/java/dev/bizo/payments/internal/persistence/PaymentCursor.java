package dev.bizo.payments.internal.persistence;

import dev.bizo.core.ValidationException;
import dev.bizo.core.paging.KeysetCursor;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A position in {@link PaymentStore#list}: the last row's creation time and id, as core's opaque
 * {@link KeysetCursor} (list has one order, {@code created_at.asc}), so the next page starts strictly after
 * it whatever was inserted meanwhile.
 */
record PaymentCursor(Instant createdAt, UUID id) {

  private static final String ORDER = "created_at.asc";

  String encode() {
    return KeysetCursor.of(ORDER, createdAt.truncatedTo(ChronoUnit.MICROS), id).encode();
  }

  /**
   * The cursor {@link #encode} wrote.
   *
   * @throws ValidationException {@code cursor} when the text is not such a cursor
   */
  static PaymentCursor decode(String cursor) {
    KeysetCursor after = KeysetCursor.decode(cursor, ORDER);
    return new PaymentCursor(after.sortInstant(), after.id());
  }
}
