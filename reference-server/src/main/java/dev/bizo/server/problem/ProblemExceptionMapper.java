package dev.bizo.server.problem;

import dev.bizo.ratelimit.RateLimitDecision;
import dev.bizo.ratelimit.RateLimitedException;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers every failure with an {@code application/problem+json} body; the body is written with
 * JSON-P so that the error path does not depend on the data binding that may just have failed.
 */
@Provider
public class ProblemExceptionMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemExceptionMapper.class);

  private final ProblemTranslator translator = new ProblemTranslator();

  @Context UriInfo uriInfo;

  @Override
  public Response toResponse(Throwable failure) {
    String path = uriInfo == null ? "" : uriInfo.getRequestUri().getRawPath();
    Problem problem = translator.translate(failure, path);
    Optional<Duration> retryAfter = translator.retryAfter(failure);
    if (problem.status() == 503 && retryAfter.isPresent()) {
      // expected and brief (e.g. the search model still loading): the client is told when to come back
      LOG.atDebug().log(() -> "Request to " + path + " answered 503 " + problem.code() + ", retry after " + retryAfter.get());
    } else if (problem.status() >= 500) {
      LOG.error("Request to " + path + " failed: " + problem.detail(), failure);
    } else {
      LOG.atDebug().setCause(failure).log(() -> "Request to " + path + " refused with " + problem.code());
    }
    Response.ResponseBuilder response = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(toJson(problem));
    if (problem.status() == 401) {
      // RFC 6750: tell the client which scheme would be accepted.
      response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"bizo\"");
    }
    if (problem.status() == 503 || problem.status() == 429) {
      retryAfterSeconds(retryAfter).ifPresent(seconds -> response.header(HttpHeaders.RETRY_AFTER, seconds));
    }
    if (failure instanceof RateLimitedException limited) {
      // The IETF fields of the refusal; RateLimitFilter sets them on the responses it lets through.
      response.header(RateLimitDecision.POLICY_HEADER, limited.decision().policyField());
      response.header(RateLimitDecision.LIMIT_HEADER, limited.decision().limitField());
    }
    return response.build();
  }

  /** RFC 9110 {@code Retry-After} in whole seconds, rounded up so a client never retries too early. */
  static Optional<Long> retryAfterSeconds(Optional<Duration> retryAfter) {
    return retryAfter.filter(d -> !d.isNegative()).map(d -> Math.max(1, (d.toMillis() + 999) / 1000));
  }

  static String toJson(Problem problem) {
    JsonObjectBuilder body =
        Json.createObjectBuilder()
            .add("type", problem.type())
            .add("title", problem.title())
            .add("status", problem.status())
            .add("detail", problem.detail())
            .add("instance", problem.instance())
            .add("code", problem.code());
    if (!problem.errors().isEmpty()) {
      JsonArrayBuilder errors = Json.createArrayBuilder();
      problem.errors()
          .forEach(e -> errors.add(Json.createObjectBuilder().add("field", e.field()).add("code", e.code()).add("message", e.message())));
      body.add("errors", errors);
    }
    return body.build().toString();
  }
}
