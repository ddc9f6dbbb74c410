package dev.bizo.core.paging;

import dev.bizo.core.ValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * A keyset-paging position: the last row of a page, as its sort value and id, and the order the page was
 * read in. A list call returns {@link #encode()} as its next-page cursor; the next call
 * {@link #decode(String, String) decodes} it for the same order and continues strictly after
 * {@code (sortValue, id)}, so pages neither skip nor repeat rows whatever is inserted meanwhile.
 *
 * <pre>{@code
 * // writing the page
 * String next = KeysetCursor.of("created_at.asc", last.createdAt(), last.id()).encode();
 * // reading the next one
 * KeysetCursor after = KeysetCursor.decode(text, "created_at.asc");
 * sql.append(" and (created_at, id) > (?, ?)");   // after.sortInstant(), after.id()
 * }</pre>
 *
 * <p>The text is URL-safe Base64 without padding, opaque to clients. It carries a format version and a
 * CRC-32 of its content, so garbage, truncated or hand-edited text is refused with field {@code cursor},
 * code {@code invalid}; a cursor taken in another order is refused with code {@code order_changed}. The
 * checksum detects mistakes, not forgery: a cursor is not a credential (it carries no key), and a forged
 * one only moves the position within what the caller may read anyway.
 *
 * @param order the order the page was read in, e.g. {@code SCORE.desc}; letters, digits and {@code _ . -}
 * @param sortValue the last row's sort value as text; the caller picks the text form and parses it back
 *     (see {@link #of(String, Instant, UUID)} and {@link #sortValue(Function)})
 * @param id the last row's id, the tie-breaker among equal sort values
 */
public record KeysetCursor(String order, String sortValue, UUID id) {

  private static final String VERSION = "k1";
  private static final Pattern ORDER = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  /**
   * Checks the components.
   *
   * @throws ValidationException field {@code order}, code {@code invalid}, when {@code order} has other characters
   */
  public KeysetCursor {
    Objects.requireNonNull(order, "order");
    Objects.requireNonNull(sortValue, "sortValue");
    Objects.requireNonNull(id, "id");
    if (!ORDER.matcher(order).matches()) {
      throw ValidationException.ofField("order", "invalid", "letters, digits and _ . - (1 to 64), not: " + order);
    }
  }

  /** A position whose sort value is an instant, written in ISO-8601 form ({@link Instant#toString()}). */
  public static KeysetCursor of(String order, Instant sortValue, UUID id) {
    return new KeysetCursor(order, sortValue.toString(), id);
  }

  /** The opaque text to hand to the client. */
  public String encode() {
    String body = VERSION + "|" + order + "|" + id + "|" + sortValue;
    String raw = checksum(body) + "|" + body;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The position {@link #encode()} wrote, if it was taken in {@code order}.
   *
   * @param text the cursor the client sent back
   * @param order the order of the query being continued
   * @throws ValidationException field {@code cursor}: code {@code invalid} when the text is not a cursor
   *     this class wrote (garbage, truncated, edited, another version); code {@code order_changed} when it
   *     was taken in another order
   */
  public static KeysetCursor decode(String text, String order) {
    Objects.requireNonNull(order, "order");
    String raw;
    try {
      raw = new String(Base64.getUrlDecoder().decode(Objects.requireNonNull(text, "text")), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    int bar = raw.indexOf('|');
    if (bar < 0 || !raw.substring(0, bar).equals(checksum(raw.substring(bar + 1)))) {
      throw invalid();
    }
    // checksum, version, order, id, then the sort value (which may itself contain '|')
    String[] parts = raw.split("\\|", 5);
    if (parts.length != 5 || !parts[1].equals(VERSION)) {
      throw invalid();
    }
    KeysetCursor cursor;
    try {
      cursor = new KeysetCursor(parts[2], parts[4], UUID.fromString(parts[3]));
    } catch (RuntimeException e) { // a malformed id or order: not text this class wrote
      throw invalid();
    }
    if (!cursor.order.equals(order)) {
      throw ValidationException.ofField("cursor", "order_changed", "the cursor belongs to a query with another order");
    }
    return cursor;
  }

  /**
   * The sort value parsed back by {@code parse}.
   *
   * @throws ValidationException field {@code cursor}, code {@code invalid}, when {@code parse} throws
   */
  public <T> T sortValue(Function<String, ? extends T> parse) {
    try {
      return parse.apply(sortValue);
    } catch (RuntimeException e) {
      throw invalid();
    }
  }

  /**
   * The sort value as the instant {@link #of(String, Instant, UUID)} wrote.
   *
   * @throws ValidationException field {@code cursor}, code {@code invalid}, when it is not an ISO-8601 instant
   */
  public Instant sortInstant() {
    return sortValue(Instant::parse);
  }

  private static String checksum(String body) {
    CRC32 crc = new CRC32();
    crc.update(body.getBytes(StandardCharsets.UTF_8));
    return Long.toHexString(crc.getValue());
  }

  private static ValidationException invalid() {
    return ValidationException.ofField("cursor", "invalid", "not a cursor returned by this service");
  }
}
