package dev.bizo.agents.trace;

import java.time.Duration;
import java.util.Objects;

/**
 * One tool invocation inside a step.
 *
 * @param tool the tool's name
 * @param arguments the JSON arguments it was called with
 * @param result the text fed back to the model (or an error description)
 * @param succeeded whether the tool completed without error
 * @param duration how long it ran
 */
public record ToolCallTrace(String tool, String arguments, String result, boolean succeeded, Duration duration) {

  /** Requires every field. */
  public ToolCallTrace {
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(arguments, "arguments");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(duration, "duration");
  }
}
