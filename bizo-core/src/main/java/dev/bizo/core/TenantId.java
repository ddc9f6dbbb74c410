package dev.bizo.core;

import java.util.Objects;
import java.util.UUID;

/** Identifies a tenant: the unit of isolation for every piece of business data. */
public record TenantId(UUID value) implements TypedId {

  public TenantId {
    Objects.requireNonNull(value, "value");
  }

  /** A new, random, time-ordered tenant id. */
  public static TenantId generate() {
    return new TenantId(Ids.newUuid());
  }

  /** Parses the canonical text form. */
  public static TenantId parse(String text) {
    return new TenantId(Ids.parse("tenantId", text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
