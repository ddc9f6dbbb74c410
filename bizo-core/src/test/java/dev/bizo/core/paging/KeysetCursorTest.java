package dev.bizo.core.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.ValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class KeysetCursorTest {

  private static final UUID ID = UUID.fromString("0b6f3c2e-8d1a-4a51-9a8e-2f1f8e0c5d77");

  @Test
  void a_cursor_decodes_to_the_position_it_was_written_from() {
    KeysetCursor written = new KeysetCursor("NAME.asc", "O'Brien | Sons", ID);

    KeysetCursor read = KeysetCursor.decode(written.encode(), "NAME.asc");

    assertThat(read).isEqualTo(written);
    assertThat(read.sortValue()).isEqualTo("O'Brien | Sons");
  }

  @Test
  void an_instant_keeps_its_nanoseconds() {
    Instant at = Instant.parse("2026-03-01T10:15:30.123456789Z");

    assertThat(KeysetCursor.decode(KeysetCursor.of("created_at", at, ID).encode(), "created_at").sortInstant())
        .isEqualTo(at);
  }

  @Test
  void the_text_is_url_safe_and_unpadded() {
    String text = new KeysetCursor("SCORE.desc", "~~~???>>>", ID).encode();

    assertThat(text).matches("[A-Za-z0-9_-]+");
  }

  @Test
  void garbage_is_refused_as_an_invalid_cursor() {
    assertInvalid(() -> KeysetCursor.decode("not base64 at all!", "created_at"));
    assertInvalid(() -> KeysetCursor.decode("bm90LWEtY3Vyc29y", "created_at")); // "not-a-cursor"
    assertInvalid(() -> KeysetCursor.decode("", "created_at"));
  }

  @Test
  void a_truncated_cursor_is_refused_as_invalid() {
    String text = KeysetCursor.of("created_at", Instant.parse("2026-03-01T10:15:30Z"), ID).encode();

    for (int length = text.length() - 1; length > 0; length--) {
      String truncated = text.substring(0, length);
      assertInvalid(() -> KeysetCursor.decode(truncated, "created_at"));
    }
  }

  @Test
  void an_edited_cursor_fails_its_checksum() {
    String raw = new String(
        Base64.getUrlDecoder().decode(new KeysetCursor("SCORE.desc", "40", ID).encode()), StandardCharsets.UTF_8);
    String edited = Base64.getUrlEncoder().withoutPadding()
        .encodeToString(raw.replace("|40", "|99").getBytes(StandardCharsets.UTF_8));

    assertInvalid(() -> KeysetCursor.decode(edited, "SCORE.desc"));
  }

  @Test
  void a_cursor_of_another_order_is_refused_as_order_changed() {
    String text = new KeysetCursor("SCORE.desc", "40", ID).encode();

    assertThatThrownBy(() -> KeysetCursor.decode(text, "SCORE.asc"))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors()).singleElement()
            .satisfies(f -> {
              assertThat(f.field()).isEqualTo("cursor");
              assertThat(f.code()).isEqualTo("order_changed");
            }));
  }

  @Test
  void a_sort_value_the_caller_cannot_parse_is_an_invalid_cursor() {
    KeysetCursor read = KeysetCursor.decode(new KeysetCursor("SCORE.desc", "forty", ID).encode(), "SCORE.desc");

    assertInvalid(() -> read.sortValue(Integer::valueOf));
    assertInvalid(read::sortInstant);
  }

  @Test
  void an_order_with_a_separator_is_refused_when_written() {
    assertThatThrownBy(() -> new KeysetCursor("SCORE|desc", "40", ID))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors()).singleElement()
            .satisfies(f -> assertThat(f.field()).isEqualTo("order")));
  }

  private static void assertInvalid(ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors()).singleElement()
            .satisfies(f -> {
              assertThat(f.field()).isEqualTo("cursor");
              assertThat(f.code()).isEqualTo("invalid");
            }));
  }
}
