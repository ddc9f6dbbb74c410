package dev.bizo.payments.spi;

import dev.bizo.core.Ids;
import dev.bizo.core.ValidationException;
import java.util.Objects;

/**
 * The key that makes one gateway operation safe to repeat.
 *
 * <p>Every {@link PaymentGateway} call that can move money carries one, and the gateway implementation
 * <strong>must</strong> forward it to the remote gateway unchanged (Stripe {@code Idempotency-Key},
 * PayPal {@code PayPal-Request-Id}, …), so that a retry after an {@link GatewayResult.Outcome#UNKNOWN
 * UNKNOWN} outcome can never charge twice. Keys are 1 to 255 printable ASCII characters, which every
 * supported gateway accepts.
 *
 * @param value the key as sent on the wire
 */
public record IdempotencyKey(String value) {

  /** The longest key accepted; Stripe allows 255 characters. */
  public static final int MAX_LENGTH = 255;

  /**
   * Validates the key.
   *
   * @throws ValidationException when blank, longer than {@link #MAX_LENGTH}, or not printable ASCII
   */
  public IdempotencyKey {
    Objects.requireNonNull(value, "value");
    if (value.isBlank() || value.length() > MAX_LENGTH) {
      throw ValidationException.ofField(
          "idempotencyKey", "invalid_length", "An idempotency key has 1 to " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw ValidationException.ofField(
            "idempotencyKey", "invalid_character", "An idempotency key is printable ASCII without spaces");
      }
    }
  }

  /** Parses a key supplied by a client. */
  public static IdempotencyKey of(String value) {
    return new IdempotencyKey(value);
  }

  /** A fresh random key (a UUIDv7), for calls the platform starts itself. */
  public static IdempotencyKey random() {
    return new IdempotencyKey(Ids.newUuid().toString());
  }

  /**
   * A key derived from this one for a follow-up step of the same logical request, e.g. the capture that
   * follows an authorization in one client call. Deterministic, so a replay derives the same key.
   *
   * @param step a short step name such as {@code capture}
   */
  public IdempotencyKey derive(String step) {
    Objects.requireNonNull(step, "step");
    String derived = value + ":" + step;
    if (derived.length() > MAX_LENGTH) {
      derived = RequestDigest.sha256Hex(derived);
    }
    return new IdempotencyKey(derived);
  }

  @Override
  public String toString() {
    return value;
  }
}
