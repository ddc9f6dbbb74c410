package dev.bizo.agents.crew;

import dev.bizo.agents.AgentRole;
import dev.bizo.core.ValidationException;
import java.util.Objects;

/**
 * One task of a crew: which agent does what.
 *
 * @param agent the agent
 * @param instruction what it is asked to do
 */
public record CrewTask(AgentRole agent, String instruction) {

  /** Validates the task. */
  public CrewTask {
    Objects.requireNonNull(agent, "agent");
    if (instruction == null || instruction.isBlank()) {
      throw ValidationException.ofField("instruction", "crew.instruction_blank", "instruction is blank");
    }
  }
}
