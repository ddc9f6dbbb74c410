package dev.bizo.payments;

import dev.bizo.core.Ids;
import dev.bizo.core.TypedId;
import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a {@link Payment}.
 *
 * @param value the UUIDv7
 */
public record PaymentId(UUID value) implements TypedId {

  /** Validates presence. */
  public PaymentId {
    Objects.requireNonNull(value, "value");
  }

  /** A new, time-ordered id. */
  public static PaymentId generate() {
    return new PaymentId(Ids.newUuid());
  }

  /** Parses an id given by a client, reporting a bad one on field {@code paymentId}. */
  public static PaymentId parse(String text) {
    return new PaymentId(Ids.parse("paymentId", text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
