package dev.bizo.tenancy;

import java.util.Objects;

/**
 * A decrypted secret, such as a gateway's API key. It never prints itself: {@link #toString()} and
 * {@link #masked()} show at most a short prefix and the last four characters ({@code sk_…abcd}). Call
 * {@link #reveal()} only at the point where the plain value is handed to the service that needs it.
 */
public final class SecretValue {

  private final String value;

  private SecretValue(String value) {
    this.value = value;
  }

  /** Wraps a plain secret, 1–8192 characters. */
  public static SecretValue of(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty() || value.length() > 8192) {
      throw dev.bizo.core.ValidationException.ofField("value", "tenancy.secret_value_invalid", "1 to 8192 characters");
    }
    return new SecretValue(value);
  }

  /** The plain value. Never log it, never return it from an API. */
  public String reveal() {
    return value;
  }

  /**
   * A display form: a recognisable prefix (up to and including the first {@code _}, at most 8 characters)
   * and the last four characters, e.g. {@code sk_live_…abcd}. Secrets shorter than 12 characters show only
   * {@code …}.
   */
  public String masked() {
    if (value.length() < 12) {
      return "…";
    }
    int underscore = value.lastIndexOf('_', 7);
    String prefix = underscore > 0 ? value.substring(0, underscore + 1) : "";
    return prefix + "…" + value.substring(value.length() - 4);
  }

  @Override
  public String toString() {
    return "SecretValue[" + masked() + "]";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SecretValue s && java.security.MessageDigest.isEqual(
        value.getBytes(java.nio.charset.StandardCharsets.UTF_8), s.value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
