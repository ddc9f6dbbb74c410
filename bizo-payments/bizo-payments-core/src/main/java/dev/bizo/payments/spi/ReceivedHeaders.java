package dev.bizo.payments.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The HTTP headers of a received webhook request, looked up case-insensitively as HTTP requires. (Not the headers
 * Bizo sends on its own outgoing webhooks: those belong to the webhooks module.)
 */
public final class ReceivedHeaders {

  private final Map<String, List<String>> byName;

  private ReceivedHeaders(Map<String, List<String>> byName) {
    this.byName = byName;
  }

  /** Headers with one value each. */
  public static ReceivedHeaders of(Map<String, String> headers) {
    Map<String, List<String>> multi = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, value) -> multi.computeIfAbsent(name, n -> new ArrayList<>()).add(value));
    return freeze(multi);
  }

  /** Headers with any number of values each, as servlet and JAX-RS containers expose them. */
  public static ReceivedHeaders ofMulti(Map<String, ? extends List<String>> headers) {
    Map<String, List<String>> multi = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> multi.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
    return freeze(multi);
  }

  private static ReceivedHeaders freeze(Map<String, List<String>> multi) {
    Map<String, List<String>> frozen = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    multi.forEach((name, values) -> frozen.put(Objects.requireNonNull(name, "name"), List.copyOf(values)));
    return new ReceivedHeaders(Collections.unmodifiableMap(frozen));
  }

  /** The first value of the header, if present. */
  public Optional<String> first(String name) {
    List<String> values = byName.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** Every value of the header; empty when absent. */
  public List<String> all(String name) {
    return byName.getOrDefault(name, List.of());
  }

  /** The header names, in lower case. */
  public List<String> names() {
    return byName.keySet().stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
  }

  @Override
  public String toString() {
    return "ReceivedHeaders" + names();
  }
}
