package dev.bizo.payments.spi;

import dev.bizo.core.ValidationException;
import java.util.Objects;

/**
 * How the customer pays, as the gateway knows it: a token, never raw card data (Bizo stays out of PCI
 * scope). Examples: a Stripe PaymentMethod id {@code pm_…}, an approved PayPal order id, or for the
 * simulator one of its documented test card numbers.
 *
 * @param token the gateway's reference to the payment instrument
 */
public record PaymentMethod(String token) {

  /** Validates the token is present. */
  public PaymentMethod {
    Objects.requireNonNull(token, "token");
    if (token.isBlank()) {
      throw ValidationException.ofField("paymentMethod", "required", "A payment method token is required");
    }
  }

  /** A payment method from its gateway token. */
  public static PaymentMethod token(String token) {
    return new PaymentMethod(token);
  }

  /** Shows only the last four characters: tokens can be test card numbers. */
  @Override
  public String toString() {
    int keep = Math.min(4, token.length());
    return "PaymentMethod[…" + token.substring(token.length() - keep) + "]";
  }
}
