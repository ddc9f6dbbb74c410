package dev.bizo.crm;

import dev.bizo.core.Ids;
import dev.bizo.core.TypedId;
import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a lead. New ids are UUIDv7, so they sort by creation time and index well.
 *
 * @param value the raw UUID
 */
public record LeadId(UUID value) implements TypedId {

  public LeadId {
    Objects.requireNonNull(value, "value");
  }

  /** A new, time-ordered lead id. */
  public static LeadId generate() {
    return new LeadId(Ids.newUuid());
  }

  /**
   * Parses a lead id, reporting a malformed one as a validation error on field {@code leadId}.
   *
   * @param text the UUID text
   * @return the id
   */
  public static LeadId parse(String text) {
    return new LeadId(Ids.parse("leadId", text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
