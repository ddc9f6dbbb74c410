package dev.bizo.core;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** Input was rejected. Carries one {@link FieldError} per offending field, in the order found. */
public class ValidationException extends NonRetriableException {

  private static final long serialVersionUID = 1L;

  /** Default code: {@code validation_failed}. */
  public static final String CODE = "validation_failed";

  private final List<FieldError> fieldErrors;

  public ValidationException(String message) {
    this(CODE, message, List.of());
  }

  public ValidationException(List<FieldError> fieldErrors) {
    this(CODE, summarize(fieldErrors), fieldErrors);
  }

  public ValidationException(String code, String message, List<FieldError> fieldErrors) {
    super(code, message);
    this.fieldErrors = List.copyOf(fieldErrors);
  }

  /** A validation error on a single field. */
  public static ValidationException ofField(String field, String code, String message) {
    return new ValidationException(List.of(new FieldError(field, code, message)));
  }

  /** The offending fields; empty when the error is not tied to one field. */
  public List<FieldError> fieldErrors() {
    return fieldErrors;
  }

  private static String summarize(List<FieldError> errors) {
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("at least one field error is required");
    }
    return errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
  }

  /**
   * One rejected field.
   *
   * @param field dotted path of the field, e.g. {@code amount} or {@code customer.email}
   * @param code stable code of the rule that failed, e.g. {@code too_precise}
   * @param message human-readable explanation
   */
  public record FieldError(String field, String code, String message) {
    public FieldError {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
    }
  }
}
