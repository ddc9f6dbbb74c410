package dev.bizo.core;

/**
 * The request is well-formed but conflicts with the current state: a duplicate, an illegal state
 * transition, an idempotency key reused with different parameters.
 */
public class ConflictException extends NonRetriableException {

  private static final long serialVersionUID = 1L;

  /** Default code: {@code conflict}. */
  public static final String CODE = "conflict";

  public ConflictException(String message) {
    this(CODE, message);
  }

  public ConflictException(String code, String message) {
    super(code, message);
  }
}
