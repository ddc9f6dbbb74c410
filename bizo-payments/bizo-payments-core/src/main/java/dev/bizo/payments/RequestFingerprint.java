package dev.bizo.payments;

import dev.bizo.core.Money;
import dev.bizo.payments.internal.CanonicalEncoding;
import dev.bizo.payments.spi.GatewayOperation;
import dev.bizo.payments.spi.PaymentRequest;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A canonical hash of a request's parameters, stored with its idempotency key: a later request with the
 * same key must have the same fingerprint (then the stored response is replayed) or it is a conflict.
 *
 * <p>Canonical means independent of the order parameters were given in, and unambiguous: fields are
 * sorted by name and length-prefixed before SHA-256, so {@code ("ab","c")} and {@code ("a","bc")} differ,
 * and an absent value differs from an empty one. Credentials and the key itself are never part of it.
 *
 * <pre>{@code
 * RequestFingerprint fp = RequestFingerprint.builder("refund")
 *     .put("payment", paymentId.toString())
 *     .put("amount", Money.of("5.00", "EUR"))
 *     .build();
 * }</pre>
 *
 * @param value {@code sha256:} followed by 64 hex digits
 */
public record RequestFingerprint(String value) {
  private static final Pattern FINGERPRINT = Pattern.compile("sha256:[0-9a-f]{64}");

  /** Validates the form. */
  public RequestFingerprint {
    Objects.requireNonNull(value, "value");
    if (!FINGERPRINT.matcher(value).matches()) {
      throw new IllegalArgumentException("Not a fingerprint: " + value);
    }
  }

  /** Starts a fingerprint of one operation, e.g. {@code authorize}. */
  public static Builder builder(String operation) {
    return new Builder().put("operation", Objects.requireNonNull(operation, "operation"));
  }

  /**
   * The fingerprint of an authorize or purchase request: operation, amount and currency, payment method,
   * merchant reference, description, return URL and every metadata entry.
   */
  public static RequestFingerprint of(GatewayOperation operation, PaymentRequest request) {
    Builder b = builder(operation.name().toLowerCase(java.util.Locale.ROOT))
        .put("amount", request.amount())
        .put("payment_method", request.paymentMethod().token())
        .put("merchant_reference", request.merchantReference().orElse(null))
        .put("description", request.description().orElse(null))
        .put("return_url", request.returnUrl().map(Object::toString).orElse(null));
    request.metadata().forEach((k, v) -> b.put("metadata." + k, v));
    return b.build();
  }

  @Override
  public String toString() {
    return value;
  }

  /** Collects named parameters. */
  public static final class Builder {
    private final SortedMap<String, String> fields = new TreeMap<>();

    private Builder() {}

    /**
     * Adds a parameter; {@code null} means absent and is distinct from empty.
     *
     * @throws IllegalArgumentException when the name was already added
     */
    public Builder put(String name, String value) {
      Objects.requireNonNull(name, "name");
      if (fields.containsKey(name)) {
        throw new IllegalArgumentException("Parameter '" + name + "' given twice");
      }
      fields.put(name, value);
      return this;
    }

    /** Adds a money parameter as minor units and currency code, e.g. {@code 1999 EUR}. */
    public Builder put(String name, Money value) {
      return put(name, value == null ? null : value.minorUnits() + " " + value.currency().getCurrencyCode());
    }

    /** Adds a whole-number parameter. */
    public Builder put(String name, long value) {
      return put(name, Long.toString(value));
    }

    /** Adds every entry of a map under {@code prefix.}. */
    public Builder putAll(String prefix, Map<String, String> values) {
      values.forEach((k, v) -> put(prefix + "." + k, v));
      return this;
    }

    /** The fingerprint. */
    public RequestFingerprint build() {
      return new RequestFingerprint("sha256:" + CanonicalEncoding.sha256Hex(fields));
    }
  }
}
