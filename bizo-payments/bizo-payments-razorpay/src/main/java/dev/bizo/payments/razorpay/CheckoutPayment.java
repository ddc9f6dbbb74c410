package dev.bizo.payments.razorpay;

import dev.bizo.payments.spi.HmacSignature;
import dev.bizo.payments.spi.PaymentMethod;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * What Razorpay Checkout hands the client after the customer pays an Order: {@code razorpay_order_id},
 * {@code razorpay_payment_id} and {@code razorpay_signature}, the hex HMAC-SHA256 of
 * {@code order_id|payment_id} under the API key secret.
 *
 * <pre>{@code
 * CheckoutPayment paid = new CheckoutPayment(form.get("razorpay_order_id"), form.get("razorpay_payment_id"),
 *     form.get("razorpay_signature"));
 * gateway.authorize(request.toBuilder().paymentMethod(paid.toPaymentMethod()).build());
 * }</pre>
 *
 * @param orderId the order the customer paid, {@code order_…}
 * @param paymentId the payment Checkout created, {@code pay_…}
 * @param signature the hex signature Checkout returned
 */
public record CheckoutPayment(String orderId, String paymentId, String signature) {

  private static final String SEPARATOR = "|";

  /** Validates the three parts are present and free of the token separator. */
  public CheckoutPayment {
    for (String part : new String[] {orderId, paymentId, signature}) {
      Objects.requireNonNull(part, "Checkout result part");
      if (part.isBlank() || part.contains(SEPARATOR)) {
        throw new IllegalArgumentException("A Checkout result part is non-blank and has no '|'");
      }
    }
  }

  /**
   * Whether the signature is the HMAC-SHA256 of {@code order_id|payment_id} under {@code keySecret},
   * compared in constant time.
   */
  public boolean signatureMatches(String keySecret) {
    byte[] payload = (orderId + SEPARATOR + paymentId).getBytes(StandardCharsets.UTF_8);
    return HmacSignature.matchesHex(keySecret, payload, signature);
  }

  /** The payment method the gateway verifies and pays with: {@code order_id|payment_id|signature}. */
  public PaymentMethod toPaymentMethod() {
    return PaymentMethod.token(orderId + SEPARATOR + paymentId + SEPARATOR + signature);
  }

  /** Reads a token made by {@link #toPaymentMethod()}; empty for any other token. */
  public static Optional<CheckoutPayment> parse(String token) {
    String[] parts = token.split("\\|", -1);
    if (parts.length != 3 || !parts[0].startsWith("order_") || !parts[1].startsWith("pay_") || parts[2].isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new CheckoutPayment(parts[0], parts[1], parts[2]));
  }

  /** Hides the signature. */
  @Override
  public String toString() {
    return "CheckoutPayment[" + orderId + ", " + paymentId + ", ***]";
  }
}
