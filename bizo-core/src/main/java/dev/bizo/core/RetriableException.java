package dev.bizo.core;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure that may go away if the same call is repeated later: a timeout, an unavailable
 * dependency, a serialization conflict. Callers may retry with backoff.
 */
public non-sealed class RetriableException extends BizoException {

  private static final long serialVersionUID = 1L;

  public RetriableException(String code, String message) {
    this(code, message, null);
  }

  public RetriableException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }

  @Override
  public final boolean isRetriable() {
    return true;
  }

  /**
   * How long the caller should wait before repeating the call, when the thrower knows it (for example a
   * model that is still loading); empty when it does not. The reference server sends it as
   * {@code Retry-After}.
   */
  public Optional<Duration> retryAfter() {
    return Optional.empty();
  }
}
