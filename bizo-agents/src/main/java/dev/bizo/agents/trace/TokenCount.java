package dev.bizo.agents.trace;

import dev.bizo.core.ValidationException;

/**
 * Tokens sent to and received from a model.
 *
 * @param input prompt tokens
 * @param output completion tokens
 */
public record TokenCount(long input, long output) {

  /** No tokens. */
  public static final TokenCount ZERO = new TokenCount(0, 0);

  /** Refuses negative counts. */
  public TokenCount {
    if (input < 0 || output < 0) {
      throw ValidationException.ofField("input", "tokens.negative", "token counts must not be negative");
    }
  }

  /**
   * Sum of both directions.
   *
   * @return input plus output
   */
  public long total() {
    return input + output;
  }

  /**
   * Adds another count.
   *
   * @param other the other count
   * @return the sum
   */
  public TokenCount plus(TokenCount other) {
    return new TokenCount(input + other.input, output + other.output);
  }
}
