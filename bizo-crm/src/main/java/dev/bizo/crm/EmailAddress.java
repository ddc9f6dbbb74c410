package dev.bizo.crm;

import dev.bizo.core.ValidationException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A normalized e-mail address: trimmed and lower-cased, so uniqueness per tenant is
 * case-insensitive. Validation is deliberately pragmatic (one {@code @}, a dotted domain, no spaces),
 * not full RFC 5322.
 *
 * @param value the normalized address
 */
public record EmailAddress(String value) {

  private static final int MAX_LENGTH = 254;
  private static final Pattern LOCAL = Pattern.compile("[a-z0-9!#$%&'*+/=?^_`{|}~.-]+");
  private static final Pattern DOMAIN =
      Pattern.compile("(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

  public EmailAddress {
    Objects.requireNonNull(value, "value");
    if (!value.equals(normalize(value)) || !isValid(value)) {
      throw invalid("email", value);
    }
  }

  /**
   * Normalizes then validates an address.
   *
   * @param raw the address as typed
   * @return the normalized address
   * @throws ValidationException coded {@code invalid_email} on field {@code email}
   */
  public static EmailAddress of(String raw) {
    return of("email", raw);
  }

  /** Like {@link #of(String)}, reporting errors against the given field name. */
  public static EmailAddress of(String field, String raw) {
    if (raw == null || raw.isBlank()) {
      throw ValidationException.ofField(field, "required", "an e-mail address is required");
    }
    String normalized = normalize(raw);
    if (!isValid(normalized)) {
      throw invalid(field, raw);
    }
    return new EmailAddress(normalized);
  }

  /** The part after the {@code @}. */
  public String domain() {
    return value.substring(value.lastIndexOf('@') + 1);
  }

  private static String normalize(String raw) {
    return raw.trim().toLowerCase(Locale.ROOT);
  }

  private static boolean isValid(String v) {
    if (v.length() > MAX_LENGTH) {
      return false;
    }
    int at = v.indexOf('@');
    if (at <= 0 || at != v.lastIndexOf('@') || at == v.length() - 1) {
      return false;
    }
    String local = v.substring(0, at);
    String domain = v.substring(at + 1);
    return local.length() <= 64
        && !local.startsWith(".")
        && !local.endsWith(".")
        && !local.contains("..")
        && LOCAL.matcher(local).matches()
        && DOMAIN.matcher(domain).matches();
  }

  private static ValidationException invalid(String field, String raw) {
    return ValidationException.ofField(
        field, "invalid_email", "'" + raw + "' is not a valid e-mail address");
  }

  @Override
  public String toString() {
    return value;
  }
}
