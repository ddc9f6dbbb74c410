package dev.bizo.server.problem;

import dev.bizo.core.ValidationException.FieldError;
import java.util.List;
import java.util.Objects;

/**
 * An RFC 9457 problem detail as the API returns it, with Bizo's stable {@code code} and, for
 * validation failures, the offending fields.
 *
 * @param status the HTTP status code
 * @param code stable machine-readable code, e.g. {@code malformed_json} or {@code payment.illegal_transition}
 * @param title short summary that depends only on the status
 * @param detail explanation of this occurrence, safe to show to the caller (never a stack trace)
 * @param instance the request path the problem occurred on
 * @param errors one entry per rejected field; empty when the problem is not about fields
 */
public record Problem(int status, String code, String title, String detail, String instance, List<FieldError> errors) {

  /** Prefix of every problem {@code type}; the code completes it. */
  public static final String TYPE_PREFIX = "urn:bizo:problem:";

  /** The media type of every error body. */
  public static final String MEDIA_TYPE = "application/problem+json";

  public Problem {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("a problem has a 4xx or 5xx status, not " + status);
    }
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(instance, "instance");
    errors = List.copyOf(errors);
  }

  /** The RFC 9457 {@code type} URI, derived from the code so that it is as stable as the code. */
  public String type() {
    return TYPE_PREFIX + code;
  }
}
