package dev.bizo.tenancy.auth;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One permission an API key carries, such as {@code crm:leads:read}: lower-case words of letters,
 * digits and {@code -}, joined by {@code :}. Each module names its own scopes; a key holds exactly
 * the scopes it was created with (no wildcards, no implication).
 *
 * @param value the scope text
 */
public record ApiKeyScope(String value) implements Comparable<ApiKeyScope> {
  private static final Pattern SCOPE = Pattern.compile("[a-z][a-z0-9-]*(:[a-z][a-z0-9-]*){0,4}");

  public ApiKeyScope {
    Objects.requireNonNull(value, "value");
    if (!SCOPE.matcher(value).matches() || value.length() > 100) {
      throw new IllegalArgumentException("Scopes are lower-case words joined by ':', e.g. crm:leads:read: " + value);
    }
  }

  /** The scope named {@code value}. */
  public static ApiKeyScope of(String value) {
    return new ApiKeyScope(value);
  }

  @Override
  public int compareTo(ApiKeyScope other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
