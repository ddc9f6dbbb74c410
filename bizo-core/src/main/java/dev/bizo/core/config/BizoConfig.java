package dev.bizo.core.config;

import dev.bizo.core.ConfigurationException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads typed {@link Setting}s. Lookup order: values given explicitly to the builder, then system
 * properties ({@code bizo.redis.url}), then environment variables ({@code BIZO_REDIS_URL}). A blank
 * value counts as absent.
 *
 * <pre>{@code
 * BizoConfig config = BizoConfig.fromEnvironment();
 * Optional<URI> redis = config.find(CoreSettings.REDIS_URL);
 * }</pre>
 */
public final class BizoConfig {

  private final Map<String, String> explicit;
  private final Function<String, String> systemProperties;
  private final Function<String, String> environment;

  private BizoConfig(
      Map<String, String> explicit, Function<String, String> systemProperties, Function<String, String> environment) {
    this.explicit = Map.copyOf(explicit);
    this.systemProperties = systemProperties;
    this.environment = environment;
  }

  /** Reads system properties and the process environment. */
  public static BizoConfig fromEnvironment() {
    return builder().build();
  }

  /** Reads only the given values, keyed by dotted setting key; for tests and embedding. */
  public static BizoConfig of(Map<String, String> values) {
    return builder().putAll(values).systemProperties(k -> null).environment(k -> null).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The setting's value, or its default.
   *
   * @throws ConfigurationException when the value is malformed
   */
  public <T> Optional<T> find(Setting<T> setting) {
    Objects.requireNonNull(setting, "setting");
    return raw(setting)
        .map(r -> setting.parse(r.value(), r.origin()))
        .or(setting::defaultValue);
  }

  /**
   * The setting's value, or its default.
   *
   * @throws ConfigurationException when the value is missing with no default, or malformed
   */
  public <T> T require(Setting<T> setting) {
    return find(setting)
        .orElseThrow(
            () ->
                new ConfigurationException(
                    "configuration_missing",
                    "Missing setting " + setting.environmentVariable() + " (" + setting.key() + ")"));
  }

  private Optional<Raw> raw(Setting<?> setting) {
    String value = explicit.get(setting.key());
    if (present(value)) {
      return Optional.of(new Raw(value, "configuration"));
    }
    value = systemProperties.apply(setting.key());
    if (present(value)) {
      return Optional.of(new Raw(value, "system property"));
    }
    value = environment.apply(setting.environmentVariable());
    if (present(value)) {
      return Optional.of(new Raw(value, "environment"));
    }
    return Optional.empty();
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  private record Raw(String value, String origin) {}

  /** Builds a {@link BizoConfig}. */
  public static final class Builder {
    private final Map<String, String> explicit = new LinkedHashMap<>();
    private Function<String, String> systemProperties = System::getProperty;
    private Function<String, String> environment = System::getenv;

    private Builder() {}

    /** Sets one value by dotted key; wins over system properties and the environment. */
    public Builder put(String key, String value) {
      explicit.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    public Builder putAll(Map<String, String> values) {
      values.forEach(this::put);
      return this;
    }

    /** Replaces the system-property lookup (for tests). */
    public Builder systemProperties(Function<String, String> lookup) {
      this.systemProperties = Objects.requireNonNull(lookup, "lookup");
      return this;
    }

    /** Replaces the environment lookup (for tests). */
    public Builder environment(Function<String, String> lookup) {
      this.environment = Objects.requireNonNull(lookup, "lookup");
      return this;
    }

    public BizoConfig build() {
      return new BizoConfig(explicit, systemProperties, environment);
    }
  }
}
