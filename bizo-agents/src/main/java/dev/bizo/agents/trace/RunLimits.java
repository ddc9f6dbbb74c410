package dev.bizo.agents.trace;

import dev.bizo.core.ValidationException;
import java.time.Duration;
import java.util.Objects;

/**
 * Hard bounds for one run. Exceeding any of them ends the run {@link RunStatus#FAILED} with the trace so far.
 *
 * @param maxSteps most agent steps (supervisor decisions included)
 * @param maxTokens most tokens, input and output together, over all model calls
 * @param timeout longest run time, measured on the runtime's clock
 * @param maxModelCallsPerStep most model requests in one step (tool rounds and repairs included)
 */
public record RunLimits(int maxSteps, long maxTokens, Duration timeout, int maxModelCallsPerStep) {

  /** Defaults: 20 steps, 200,000 tokens, 10 minutes, 12 model calls a step. */
  public static final RunLimits DEFAULT = new RunLimits(20, 200_000, Duration.ofMinutes(10), 12);

  /** Validates that every bound is positive. */
  public RunLimits {
    Objects.requireNonNull(timeout, "timeout");
    if (maxSteps < 1 || maxTokens < 1 || maxModelCallsPerStep < 1 || timeout.isNegative() || timeout.isZero()) {
      throw ValidationException.ofField("limits", "run.limits_invalid", "every run limit must be positive");
    }
  }

  /**
   * A copy with another step limit.
   *
   * @param steps the new limit
   * @return the copy
   */
  public RunLimits withMaxSteps(int steps) {
    return new RunLimits(steps, maxTokens, timeout, maxModelCallsPerStep);
  }

  /**
   * A copy with another token limit.
   *
   * @param tokens the new limit
   * @return the copy
   */
  public RunLimits withMaxTokens(long tokens) {
    return new RunLimits(maxSteps, tokens, timeout, maxModelCallsPerStep);
  }

  /**
   * A copy with another timeout.
   *
   * @param runTimeout the new limit
   * @return the copy
   */
  public RunLimits withTimeout(Duration runTimeout) {
    return new RunLimits(maxSteps, maxTokens, runTimeout, maxModelCallsPerStep);
  }
}
