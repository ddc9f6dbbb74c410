package dev.bizo.agents;

import dev.bizo.agents.trace.AgentRunId;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A run started in the background by {@link AgentRuntime#start}: its id, known before the run begins (to
 * answer a request with, to look the trace up in the {@link dev.bizo.agents.spi.RunStore}, or to key a
 * progress stream), and its result to come.
 *
 * @param runId the run's id, the same as in its trace and progress events
 * @param result completes with the run's result, SUCCEEDED or FAILED
 * @param <R> the result type
 */
public record RunHandle<R>(AgentRunId runId, CompletableFuture<R> result) {

  /** Requires both fields. */
  public RunHandle {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(result, "result");
  }
}
