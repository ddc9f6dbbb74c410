package dev.bizo.agents.internal;

import dev.bizo.agents.AgentRunException;
import dev.bizo.agents.trace.RunEvent;
import dev.bizo.agents.trace.RunFailure;
import dev.bizo.agents.trace.RunStatus;
import dev.bizo.agents.trace.StepTrace;
import dev.bizo.agents.trace.TokenCount;
import dev.bizo.agents.trace.ToolCallTrace;
import dev.bizo.core.BizoException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Records one step: tokens, tool calls and model calls, checking the run's limits as they grow. */
public final class StepRecorder {

  private final RunRecorder run;
  private final int index;
  private final String agent;
  private final String input;
  private final Instant startedAt;
  private final List<ToolCallTrace> toolCalls = new ArrayList<>();
  private TokenCount tokens = TokenCount.ZERO;
  private int modelCalls;

  StepRecorder(RunRecorder run, int index, String agent, String input, Instant startedAt) {
    this.run = run;
    this.index = index;
    this.agent = agent;
    this.input = input;
    this.startedAt = startedAt;
  }

  /**
   * The step's agent name.
   *
   * @return the name
   */
  public String agent() {
    return agent;
  }

  /**
   * Called before each model request: enforces the timeout, the token budget and the per-step call limit.
   *
   * @throws AgentRunException when a limit is reached
   */
  public void beforeModelCall() {
    run.checkTimeout();
    run.checkTokens();
    if (modelCalls >= run.limits().maxModelCallsPerStep()) {
      throw new AgentRunException(AgentRunException.MODEL_CALL_LIMIT,
          agent + " made " + modelCalls + " model calls, the most one step may make");
    }
    modelCalls++;
  }

  /**
   * Adds tokens used by a model call or template, then enforces the token limit and timeout.
   *
   * @param used the tokens
   * @throws AgentRunException when the run is now over a limit
   */
  public void addTokens(TokenCount used) {
    tokens = tokens.plus(used);
    run.addTokens(used);
    run.checkTokens();
    run.checkTimeout();
  }

  /**
   * Runs a tool, recording name, arguments, result and duration. Tool failures are recorded and returned as an
   * error text for the model rather than thrown.
   *
   * @param tool the tool
   * @param arguments the JSON arguments
   * @return the tool's result as JSON, or an error description starting with {@code error:}
   */
  public String callTool(ToolBinding tool, String arguments) {
    Instant start = run.clock().instant();
    long startNanos = System.nanoTime();
    String result;
    boolean ok;
    try {
      result = Json.write(tool.body().apply(Json.readArguments(arguments)));
      ok = true;
    } catch (BizoException e) {
      result = "error: " + e.code() + ": " + e.getMessage();
      ok = false;
    }
    Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
    Duration onClock = Duration.between(start, run.clock().instant());
    ToolCallTrace call = new ToolCallTrace(tool.name(), arguments == null ? "" : arguments, result, ok,
        onClock.compareTo(took) > 0 ? onClock : took);
    toolCalls.add(call);
    run.toolCalled(index, agent, call);
    return result;
  }

  /**
   * Emits a progress event for this step.
   *
   * @param type the type
   * @param detail the detail
   */
  public void emit(RunEvent.Type type, String detail) {
    run.emit(type, index, agent, detail);
  }

  /**
   * Finishes the step successfully.
   *
   * @param outputJson the output as JSON
   */
  public void succeed(String outputJson) {
    run.stepFinished(trace(Optional.of(outputJson), RunStatus.SUCCEEDED, Optional.empty()));
  }

  /**
   * Finishes the step as failed.
   *
   * @param failure why
   */
  public void fail(RunFailure failure) {
    run.stepFinished(trace(Optional.empty(), RunStatus.FAILED, Optional.of(failure)));
  }

  private StepTrace trace(Optional<String> output, RunStatus status, Optional<RunFailure> failure) {
    return new StepTrace(index, agent, input, output, status, toolCalls, tokens, modelCalls, startedAt,
        Duration.between(startedAt, run.clock().instant()), failure);
  }
}
