package dev.bizo.agents.trace;

import dev.bizo.agents.AgentMode;
import dev.bizo.core.TenantId;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The complete, immutable record of one run (a single agent or a crew), as kept by a
 * {@link dev.bizo.agents.spi.RunStore}. Failed runs keep every step finished before the failure.
 *
 * @param id the run's id
 * @param tenant the tenant the run worked for
 * @param name the agent or crew name
 * @param mode model or offline
 * @param model the model name used for pricing ({@code offline} in offline mode)
 * @param status the run's status
 * @param steps the steps so far
 * @param tokens tokens of all steps
 * @param estimatedCost cost estimate in the price table's currency (USD by convention)
 * @param startedAt when the run started
 * @param finishedAt when it ended; empty while running
 * @param failure why it failed, when it did
 */
public record RunTrace(
    AgentRunId id,
    TenantId tenant,
    String name,
    AgentMode mode,
    String model,
    RunStatus status,
    List<StepTrace> steps,
    TokenCount tokens,
    BigDecimal estimatedCost,
    Instant startedAt,
    Optional<Instant> finishedAt,
    Optional<RunFailure> failure) {

  /** Requires every field and copies the steps. */
  public RunTrace {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(status, "status");
    steps = List.copyOf(steps);
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(estimatedCost, "estimatedCost");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    Objects.requireNonNull(failure, "failure");
  }

  /**
   * Wall-clock duration of the run.
   *
   * @return from start to finish; empty while running
   */
  public Optional<Duration> duration() {
    return finishedAt.map(end -> Duration.between(startedAt, end));
  }

  /**
   * All tool calls of all steps, in order.
   *
   * @return the tool calls
   */
  public List<ToolCallTrace> toolCalls() {
    return steps.stream().flatMap(s -> s.toolCalls().stream()).toList();
  }
}
