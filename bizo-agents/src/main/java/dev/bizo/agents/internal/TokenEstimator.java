package dev.bizo.agents.internal;

/**
 * Deterministic token estimate (one token per four characters, rounded up, at least one for non-empty text),
 * used for offline template output and when a model endpoint omits usage.
 */
public final class TokenEstimator {

  private TokenEstimator() {}

  /**
   * Estimates tokens in a text.
   *
   * @param text the text
   * @return the estimate; 0 only for empty text
   */
  public static long estimate(String text) {
    if (text == null || text.isEmpty()) {
      return 0;
    }
    return (text.length() + 3) / 4;
  }
}
