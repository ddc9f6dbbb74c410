package dev.bizo.core;

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
}
