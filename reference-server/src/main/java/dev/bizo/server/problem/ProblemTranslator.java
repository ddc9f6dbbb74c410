package dev.bizo.server.problem;

import dev.bizo.core.BizoException;
import dev.bizo.core.ConfigurationException;
import dev.bizo.core.ConflictException;
import dev.bizo.core.ForbiddenException;
import dev.bizo.core.NotFoundException;
import dev.bizo.core.RetriableException;
import dev.bizo.core.UnsupportedFeatureException;
import dev.bizo.core.ValidationException;
import dev.bizo.core.ValidationException.FieldError;
import dev.bizo.ratelimit.RateLimitedException;
import dev.bizo.tenancy.auth.AuthService;
import dev.bizo.tenancy.auth.AuthenticationException;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns any failure into the {@link Problem} the client sees. Pure: no JAX-RS runtime needed, so the
 * whole status and code table is unit-tested.
 *
 * <p>The table: tenancy's {@code AuthenticationException} 401, {@code NotFoundException} 404, {@code ConflictException} 409, {@code
 * ValidationException} 422 with {@code errors}, {@code ForbiddenException} 403, {@code
 * UnsupportedFeatureException} 422 (the request is understood but this deployment cannot do it; 501
 * would blame the server), any other non-retriable {@code BizoException} 400, {@code
 * RetriableException} 503, {@code ConfigurationException} 500. Bodies that are not JSON are 400 {@code
 * malformed_json}; JSON that does not fit the expected shape (wrong type, unknown enum value) is 400
 * {@code invalid_field}; an oversized body is 413 {@code payload_too_large}. Anything else is 500
 * {@code internal_error} with an incident id and no internals.
 */
public final class ProblemTranslator {

  /** Code of failures the server did not expect. */
  public static final String INTERNAL_ERROR = "internal_error";

  private static final Map<Integer, String> TITLES =
      Map.ofEntries(
          Map.entry(400, "Bad Request"),
          Map.entry(401, "Unauthorized"),
          Map.entry(403, "Forbidden"),
          Map.entry(404, "Not Found"),
          Map.entry(405, "Method Not Allowed"),
          Map.entry(406, "Not Acceptable"),
          Map.entry(409, "Conflict"),
          Map.entry(413, "Content Too Large"),
          Map.entry(415, "Unsupported Media Type"),
          Map.entry(422, "Unprocessable Content"),
          Map.entry(429, "Too Many Requests"),
          Map.entry(500, "Internal Server Error"),
          Map.entry(503, "Service Unavailable"));

  private static final Map<Integer, String> HTTP_CODES =
      Map.of(
          400, "bad_request",
          401, "unauthorized",
          403, "forbidden",
          404, "not_found",
          405, "method_not_allowed",
          406, "not_acceptable",
          413, "payload_too_large",
          415, "unsupported_media_type",
          503, "unavailable");

  /** JSON-B implementations name the property they could not bind in a quoted word. */
  private static final Pattern PROPERTY = Pattern.compile("property '?([A-Za-z_][A-Za-z0-9_]*)'?");

  /**
   * The problem for a failure on the given request path.
   *
   * @param failure what went wrong
   * @param path the request path, reported as the problem's {@code instance}
   */
  public Problem translate(Throwable failure, String path) {
    if (find(failure, RequestTooLargeException.class).isPresent()) {
      RequestTooLargeException tooLarge = find(failure, RequestTooLargeException.class).orElseThrow();
      return problem(413, "payload_too_large", tooLarge.getMessage(), path, List.of());
    }
    Optional<BizoException> bizo = find(failure, BizoException.class);
    if (bizo.isPresent()) {
      return fromBizo(bizo.get(), path);
    }
    if (find(failure, JsonParsingException.class).isPresent()) {
      return problem(400, "malformed_json", "The request body is not well-formed JSON", path, List.of());
    }
    if (find(failure, JsonbException.class).isPresent() || failure instanceof ProcessingException) {
      return invalidField(failure, path);
    }
    if (failure instanceof WebApplicationException) {
      return fromHttpStatus(((WebApplicationException) failure).getResponse().getStatus(), path);
    }
    return internalError(path);
  }

  /**
   * How long the client should wait before retrying, for a retriable failure that knows it (e.g. the search
   * model still loading); sent as {@code Retry-After} with the problem.
   */
  public Optional<Duration> retryAfter(Throwable failure) {
    return find(failure, RetriableException.class).flatMap(RetriableException::retryAfter);
  }

  /** The problem for a request that failed with a bare HTTP status (no exception to inspect). */
  public Problem fromHttpStatus(int status, String path) {
    String code = HTTP_CODES.getOrDefault(status, status >= 500 ? INTERNAL_ERROR : "bad_request");
    return problem(status, code, detailFor(status), path, List.of());
  }

  private Problem fromBizo(BizoException e, String path) {
    if (e instanceof AuthenticationException) {
      return problem(401, e.code(), e.getMessage(), path, List.of());
    }
    if (e instanceof ValidationException) {
      return problem(422, e.code(), e.getMessage(), path, ((ValidationException) e).fieldErrors());
    }
    if (e instanceof NotFoundException) {
      return problem(404, e.code(), e.getMessage(), path, List.of());
    }
    if (e instanceof ConflictException) {
      return problem(409, e.code(), e.getMessage(), path, List.of());
    }
    if (e instanceof ForbiddenException) {
      return problem(403, e.code(), e.getMessage(), path, List.of());
    }
    if (e instanceof UnsupportedFeatureException) {
      return problem(422, e.code(), e.getMessage(), path, List.of());
    }
    if (e instanceof ConfigurationException) {
      // The message names server settings: useful in the log, not to the caller.
      return problem(500, e.code(), "The server is misconfigured; the operator has been told in the log", path, List.of());
    }
    if (e instanceof RateLimitedException) {
      // Over a credential's or tenant's request limit: the client's pace, not the server's health.
      return problem(429, e.code(), e.getMessage(), path, List.of());
    }
    if (AuthService.TOO_MANY_ATTEMPTS.equals(e.code())) {
      // The client address failed too many logins: its fault, retriable later, so 429 rather than 503.
      return problem(429, e.code(), e.getMessage(), path, List.of());
    }
    if (e instanceof RetriableException) {
      return problem(503, e.code(), e.getMessage(), path, List.of());
    }
    return problem(400, e.code(), e.getMessage(), path, List.of());
  }

  private Problem invalidField(Throwable failure, String path) {
    List<FieldError> errors = new ArrayList<>();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      Matcher m = t.getMessage() == null ? null : PROPERTY.matcher(t.getMessage());
      if (m != null && m.find()) {
        errors.add(new FieldError(m.group(1), "invalid_value", "has the wrong type or an unknown value"));
        break;
      }
    }
    String detail =
        errors.isEmpty()
            ? "The request body does not match the expected fields and types"
            : "Field '" + errors.get(0).field() + "' has the wrong type or an unknown value";
    return problem(400, "invalid_field", detail, path, errors);
  }

  private Problem internalError(String path) {
    return problem(
        500,
        INTERNAL_ERROR,
        "The server failed to handle the request (incident " + UUID.randomUUID() + "); the details are in its log",
        path,
        List.of());
  }

  private static Problem problem(int status, String code, String detail, String path, List<FieldError> errors) {
    return new Problem(status, code, TITLES.getOrDefault(status, "HTTP " + status), detail, path, errors);
  }

  private static String detailFor(int status) {
    switch (status) {
      case 404:
        return "No resource at this path";
      case 405:
        return "This path does not accept that method";
      case 406:
        return "The server cannot produce any of the accepted media types";
      case 415:
        return "Send the request body as application/json";
      default:
        return TITLES.getOrDefault(status, "HTTP " + status);
    }
  }

  private static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return Optional.of(type.cast(t));
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }
}
