package dev.bizo.agents;

import dev.bizo.agents.trace.RunFailure;
import dev.bizo.agents.trace.RunStatus;
import dev.bizo.agents.trace.RunTrace;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of running one agent: its typed output (absent when the run failed), the mode it ran in, and
 * the run's trace.
 *
 * @param agent the agent
 * @param mode {@link AgentMode#OFFLINE} when no model was configured
 * @param output the structured output, when the run succeeded
 * @param trace the run's trace
 * @param <O> the output type
 */
public record AgentResult<O>(AgentRole agent, AgentMode mode, Optional<O> output, RunTrace trace) {

  /** Requires every field. */
  public AgentResult {
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(output, "output");
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
   * The output, or the run's failure as an exception.
   *
   * @return the output
   * @throws AgentRunException with the failure's code when the run failed
   */
  public O orElseThrow() {
    return output.orElseThrow(() -> {
      RunFailure f = trace.failure().orElse(new RunFailure(AgentRunException.OUTPUT_INVALID, "no output"));
      return new AgentRunException(f.code(), f.message());
    });
  }
}
