package dev.bizo.server.api;

import dev.bizo.core.ValidationException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** Enum values from query parameters and JSON strings: case-insensitive, and a 422 naming the field when unknown. */
public final class EnumParameters {

  private EnumParameters() {}

  /** The constant named {@code text}, ignoring case and treating {@code -} as {@code _}. */
  public static <E extends Enum<E>> E parse(Class<E> type, String field, String text) {
    String key = text == null ? "" : text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E value : type.getEnumConstants()) {
      if (value.name().equals(key)) {
        return value;
      }
    }
    throw ValidationException.ofField(field, "unknown_value",
        "'" + text + "' is not one of " + Arrays.toString(type.getEnumConstants()));
  }

  /** Comma-separated constants; empty for an absent or blank parameter. */
  public static <E extends Enum<E>> Set<E> parseAll(Class<E> type, String field, String text) {
    Set<E> values = new LinkedHashSet<>();
    if (text != null && !text.isBlank()) {
      for (String part : text.split(",")) {
        values.add(parse(type, field, part));
      }
    }
    return values;
  }
}
