package dev.bizo.core;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Root of every exception Bizo throws on purpose.
 *
 * <p>Each exception carries a stable, machine-readable {@link #code() code} (for example
 * {@code payment.illegal_transition}) that callers and REST clients may switch on; messages are for
 * people and may change. The two direct subtypes say whether the same call may succeed if retried:
 * {@link RetriableException} and {@link NonRetriableException}.
 */
public abstract sealed class BizoException extends RuntimeException
    permits RetriableException, NonRetriableException {
  private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");

  private static final long serialVersionUID = 1L;

  private final String code;

  protected BizoException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = ErrorCodes.requireValid(code);
  }

  /** The stable error code, lower-case words separated by dots or underscores. */
  public String code() {
    return code;
  }

  /** Whether repeating the same call later may succeed. */
  public abstract boolean isRetriable();

  @Override
  public String toString() {
    return getClass().getName() + "[" + code + "]: " + getMessage();
  }

  static final class ErrorCodes {
    private ErrorCodes() {}

    static String requireValid(String code) {
      Objects.requireNonNull(code, "code");
      if (!CODE.matcher(code).matches()) {
        throw new IllegalArgumentException("Error code must be lower-case dotted words: " + code);
      }
      return code;
    }
  }
}
