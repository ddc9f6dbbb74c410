package dev.bizo.core;

/**
 * A failure that repeating the same call will not fix: bad input, a missing resource, a forbidden
 * action, a state conflict.
 */
public non-sealed class NonRetriableException extends BizoException {

  private static final long serialVersionUID = 1L;

  public NonRetriableException(String code, String message) {
    this(code, message, null);
  }

  public NonRetriableException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }

  @Override
  public final boolean isRetriable() {
    return false;
  }
}
