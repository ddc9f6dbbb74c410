package dev.bizo.agents.trace;

import java.util.Objects;

/**
 * Why a step or run failed.
 *
 * @param code stable lower-case dotted code, e.g. {@code agent.limit.tokens}
 * @param message human-readable detail
 */
public record RunFailure(String code, String message) {

  /** Requires both fields. */
  public RunFailure {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }
}
