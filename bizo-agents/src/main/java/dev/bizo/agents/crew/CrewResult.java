package dev.bizo.agents.crew;

import dev.bizo.agents.AgentMode;
import dev.bizo.agents.AgentRole;
import dev.bizo.agents.trace.RunStatus;
import dev.bizo.agents.trace.RunTrace;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a crew run: each member's latest output and the run's trace (partial when it failed).
 *
 * @param crew the crew's name
 * @param mode model or offline
 * @param outputs latest output per agent, in completion order
 * @param trace the run's trace
 */
public record CrewResult(String crew, AgentMode mode, Map<AgentRole, Object> outputs, RunTrace trace) {

  /** Copies the outputs. */
  public CrewResult {
    Objects.requireNonNull(crew, "crew");
    Objects.requireNonNull(mode, "mode");
    outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    Objects.requireNonNull(trace, "trace");
  }

  /**
   * The run's status.
   *
   * @return SUCCEEDED or FAILED
   */
  public RunStatus status() {
    return trace.status();
  }

  /**
   * One agent's output.
   *
   * @param agent the agent
   * @param type the output type, e.g. {@code StrategyPlan.class}
   * @param <T> the output type
   * @return the output, if the agent ran and succeeded
   */
  public <T> Optional<T> output(AgentRole agent, Class<T> type) {
    return Optional.ofNullable(outputs.get(agent)).filter(type::isInstance).map(type::cast);
  }
}
