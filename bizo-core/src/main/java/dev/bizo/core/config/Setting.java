package dev.bizo.core.config;

import dev.bizo.core.ConfigurationException;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One typed setting. Its key is a dotted name such as {@code bizo.redis.url}; the same setting may be
 * given as the system property of that name or as the environment variable {@code BIZO_REDIS_URL}.
 *
 * <pre>{@code
 * static final Setting<Integer> PORT = Setting.integer("bizo.http.port").defaultValue(8080).build();
 * }</pre>
 *
 * @param <T> the value type
 */
public final class Setting<T> {

  private final String key;
  private final Function<String, T> parser;
  private final String typeDescription;
  private final T defaultValue;
  private final boolean secret;

  private Setting(Builder<T> builder) {
    this.key = builder.key;
    this.parser = builder.parser;
    this.typeDescription = builder.typeDescription;
    this.defaultValue = builder.defaultValue;
    this.secret = builder.secret;
  }

  /** A text setting. */
  public static Builder<String> string(String key) {
    return new Builder<>(key, s -> s, "text");
  }

  /** A whole-number setting. */
  public static Builder<Integer> integer(String key) {
    return new Builder<>(key, s -> Integer.valueOf(s.trim()), "a whole number");
  }

  /** A true/false setting; accepts {@code true}/{@code false} only, in any case. */
  public static Builder<Boolean> bool(String key) {
    return new Builder<>(
        key,
        s -> {
          String v = s.trim().toLowerCase(Locale.ROOT);
          if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException();
          }
          return Boolean.valueOf(v);
        },
        "true or false");
  }

  /** A duration, either ISO-8601 ({@code PT30S}) or a number with a unit: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}. */
  public static Builder<Duration> duration(String key) {
    return new Builder<>(key, Setting::parseDuration, "a duration such as 30s, 5m or PT1H");
  }

  /** An absolute URI, e.g. {@code redis://localhost:6379}. */
  public static Builder<URI> uri(String key) {
    return new Builder<>(
        key,
        s -> {
          URI uri = URI.create(s.trim());
          if (!uri.isAbsolute()) {
            throw new IllegalArgumentException();
          }
          return uri;
        },
        "an absolute URI");
  }

  /** One of an enum's constants, matched without regard to case. */
  public static <E extends Enum<E>> Builder<E> enumeration(String key, Class<E> type) {
    return new Builder<>(
        key, s -> Enum.valueOf(type, s.trim().toUpperCase(Locale.ROOT)), "one of " + java.util.Arrays.toString(type.getEnumConstants()));
  }

  /** The dotted key, e.g. {@code bizo.redis.url}. */
  public String key() {
    return key;
  }

  /** The environment variable name, e.g. {@code BIZO_REDIS_URL}. */
  public String environmentVariable() {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** The default, if the setting has one. */
  public Optional<T> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  /** Whether the value is sensitive and must never be echoed in errors or logs. */
  public boolean isSecret() {
    return secret;
  }

  /**
   * Parses a raw value.
   *
   * @throws ConfigurationException naming the setting and, unless secret, the bad value
   */
  public T parse(String raw, String origin) {
    Objects.requireNonNull(raw, "raw");
    try {
      return parser.apply(raw);
    } catch (RuntimeException e) {
      String shown = secret ? "<redacted>" : "'" + raw + "'";
      throw new ConfigurationException(
          "configuration_invalid",
          "Invalid value " + shown + " for " + environmentVariable() + " (" + key + ", from " + origin + "): expected " + typeDescription);
    }
  }

  @Override
  public String toString() {
    return key;
  }

  static Duration parseDuration(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    if (s.startsWith("p")) {
      try {
        return Duration.parse(s.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(e);
      }
    }
    int split = 0;
    while (split < s.length() && Character.isDigit(s.charAt(split))) {
      split++;
    }
    if (split == 0) {
      throw new IllegalArgumentException(text);
    }
    long amount = Long.parseLong(s.substring(0, split));
    return switch (s.substring(split).trim()) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      case "d" -> Duration.ofDays(amount);
      default -> throw new IllegalArgumentException(text);
    };
  }

  /** Builds a {@link Setting}. */
  public static final class Builder<T> {
    private final String key;
    private final Function<String, T> parser;
    private final String typeDescription;
    private T defaultValue;
    private boolean secret;

    private Builder(String key, Function<String, T> parser, String typeDescription) {
      Objects.requireNonNull(key, "key");
      if (!key.matches("[a-z][a-z0-9]*(\\.[a-z][a-z0-9-]*)+")) {
        throw new IllegalArgumentException("Setting keys are lower-case dotted names: " + key);
      }
      this.key = key;
      this.parser = parser;
      this.typeDescription = typeDescription;
    }

    /** The value used when the setting is absent. */
    public Builder<T> defaultValue(T value) {
      this.defaultValue = Objects.requireNonNull(value, "value");
      return this;
    }

    /** Marks the value as sensitive: never shown in errors or logs. */
    public Builder<T> secret() {
      this.secret = true;
      return this;
    }

    public Setting<T> build() {
      return new Setting<>(this);
    }
  }
}
