package dev.bizo.agents.trace;

import java.time.Instant;
import java.util.Objects;

/**
 * A progress event emitted while a run is under way.
 *
 * @param runId the run
 * @param type what happened
 * @param stepIndex the step it concerns, 0 for run-level events
 * @param agent the agent it concerns, empty for run-level events
 * @param detail short human-readable detail (tool name, failure code, ...)
 * @param at when it happened, on the runtime's clock
 */
public record RunEvent(AgentRunId runId, Type type, int stepIndex, String agent, String detail, Instant at) {

  /** Kinds of progress. */
  public enum Type {
    /** The run started. */
    RUN_STARTED,
    /** A step started. */
    STEP_STARTED,
    /** A tool was called inside a step. */
    TOOL_CALLED,
    /** A model reply (an agent's output or a supervisor's choice) was rejected and the model was asked
     * again with the error. */
    OUTPUT_REPAIR_REQUESTED,
    /** A step finished successfully. */
    STEP_SUCCEEDED,
    /** A step failed. */
    STEP_FAILED,
    /** The run succeeded. */
    RUN_SUCCEEDED,
    /** The run failed. */
    RUN_FAILED
  }

  /** Requires every field. */
  public RunEvent {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(at, "at");
  }
}
