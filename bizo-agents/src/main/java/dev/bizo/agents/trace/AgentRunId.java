package dev.bizo.agents.trace;

import dev.bizo.core.Ids;
import dev.bizo.core.TypedId;
import java.util.Objects;
import java.util.UUID;

/**
 * Identifies one agent or crew run.
 *
 * @param value the UUID
 */
public record AgentRunId(UUID value) implements TypedId {

  /** Requires a value. */
  public AgentRunId {
    Objects.requireNonNull(value, "value");
  }

  /**
   * A new time-ordered id.
   *
   * @return the id
   */
  public static AgentRunId generate() {
    return new AgentRunId(Ids.newUuid());
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
