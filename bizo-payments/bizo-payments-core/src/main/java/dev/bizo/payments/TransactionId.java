package dev.bizo.payments;

import dev.bizo.core.Ids;
import dev.bizo.core.TypedId;
import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a {@link Transaction}.
 *
 * @param value the UUIDv7
 */
public record TransactionId(UUID value) implements TypedId {

  /** Validates presence. */
  public TransactionId {
    Objects.requireNonNull(value, "value");
  }

  /** A new, time-ordered id. */
  public static TransactionId generate() {
    return new TransactionId(Ids.newUuid());
  }

  /** Parses an id given by a client, reporting a bad one on field {@code transactionId}. */
  public static TransactionId parse(String text) {
    return new TransactionId(Ids.parse("transactionId", text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
