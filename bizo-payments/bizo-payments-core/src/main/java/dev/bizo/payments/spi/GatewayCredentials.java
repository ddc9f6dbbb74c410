package dev.bizo.payments.spi;

import dev.bizo.core.ConfigurationException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One tenant's secrets for one gateway (API key, webhook signing secret, …), decrypted just in time from
 * the tenancy secret store and handed to a single call.
 *
 * <p>The map is opaque to the core: each gateway documents the names it reads (for example
 * {@code secret_key} and {@code webhook_secret}). Values never appear in {@link #toString()}, so a
 * credentials object that ends up in a log line or an exception message leaks only the names.
 * Gateways must not log values either, nor keep them beyond the call.
 */
public final class GatewayCredentials {

  private static final GatewayCredentials NONE = new GatewayCredentials(Map.of());

  private final Map<String, String> values;

  private GatewayCredentials(Map<String, String> values) {
    this.values = values;
  }

  /**
   * Credentials from a map of secret names to values.
   *
   * @throws NullPointerException on a null name or value
   */
  public static GatewayCredentials of(Map<String, String> values) {
    Objects.requireNonNull(values, "values");
    return new GatewayCredentials(Map.copyOf(values));
  }

  /** No credentials, for gateways that need none (the simulator). */
  public static GatewayCredentials none() {
    return NONE;
  }

  /** The secret with this name, if configured. */
  public Optional<String> find(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /**
   * The secret with this name.
   *
   * @throws ConfigurationException with code {@code gateway.credential_missing} naming the secret (never a
   *     value) when it is not configured
   */
  public String require(String name) {
    String value = values.get(name);
    if (value == null || value.isEmpty()) {
      throw new ConfigurationException(
          "gateway.credential_missing", "The gateway credential '" + name + "' is not configured for this tenant");
    }
    return value;
  }

  /** The configured secret names; values stay hidden. */
  public Set<String> names() {
    return Set.copyOf(values.keySet());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GatewayCredentials other && values.equals(other.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  /** The names only, each value replaced by {@code ***}. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("GatewayCredentials{");
    String separator = "";
    for (String name : new TreeMap<>(values).keySet()) {
      out.append(separator).append(name).append("=***");
      separator = ", ";
    }
    return out.append('}').toString();
  }
}
