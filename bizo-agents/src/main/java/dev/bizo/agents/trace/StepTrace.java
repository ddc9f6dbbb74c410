package dev.bizo.agents.trace;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One agent step of a run: which agent worked on what, what it produced and what it cost.
 *
 * @param index position in the run, from 1
 * @param agent the agent's name, or {@code supervisor} for a routing decision
 * @param input the task as given to the agent
 * @param output the step's structured output as JSON; empty when the step failed
 * @param status {@link RunStatus#SUCCEEDED} or {@link RunStatus#FAILED}
 * @param toolCalls the tools the step invoked, in order
 * @param tokens tokens used by the step's model calls (estimated for offline template output)
 * @param modelCalls how many model requests the step made (0 offline)
 * @param startedAt when it started
 * @param duration how long it took
 * @param failure why it failed, when it did
 */
public record StepTrace(
    int index,
    String agent,
    String input,
    Optional<String> output,
    RunStatus status,
    List<ToolCallTrace> toolCalls,
    TokenCount tokens,
    int modelCalls,
    Instant startedAt,
    Duration duration,
    Optional<RunFailure> failure) {

  /** Requires every field and copies the tool calls. */
  public StepTrace {
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(status, "status");
    toolCalls = List.copyOf(toolCalls);
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(failure, "failure");
  }
}
