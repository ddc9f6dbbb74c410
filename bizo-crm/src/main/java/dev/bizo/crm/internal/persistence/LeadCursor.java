package dev.bizo.crm.internal.persistence;

import dev.bizo.core.paging.KeysetCursor;
import dev.bizo.crm.LeadSort;
import java.time.Instant;
import java.util.UUID;

/**
 * The keyset position after the last row of a page of leads: sort key, direction, the row's sort value and
 * id. The text is core's {@link KeysetCursor} with the order {@code <SORT>.asc|desc}; this class only maps
 * each {@link LeadSort}'s value to and from its text, so decoding refuses a cursor made for another order.
 */
public record LeadCursor(LeadSort sort, boolean descending, Object value, UUID id) {

  /** Encodes the position. */
  public String encode() {
    String order = order(sort, descending);
    return (value instanceof Instant at ? KeysetCursor.of(order, at, id) : new KeysetCursor(order, value.toString(), id))
        .encode();
  }

  /**
   * Decodes a cursor produced for the same sort key and direction.
   *
   * @throws dev.bizo.core.ValidationException field {@code cursor}: {@code invalid} or {@code order_changed}
   */
  public static LeadCursor decode(String text, LeadSort sort, boolean descending) {
    KeysetCursor cursor = KeysetCursor.decode(text, order(sort, descending));
    Object value = switch (sort) {
      case CREATED_AT -> cursor.sortInstant();
      case SCORE -> cursor.sortValue(Integer::valueOf);
      case NAME -> cursor.sortValue();
    };
    return new LeadCursor(sort, descending, value, cursor.id());
  }

  private static String order(LeadSort sort, boolean descending) {
    return sort.name() + (descending ? ".desc" : ".asc");
  }
}
