package dev.bizo.webhooks;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one delivery attempt got back.
 *
 * @param status the HTTP status, absent when no response arrived
 * @param error why no response arrived (timeout, connection refused, SSRF refusal), if so
 * @param refused true when the SSRF guard refused the URL, which is never retried
 * @param duration how long the attempt took
 */
public record AttemptResponse(OptionalInt status, Optional<String> error, boolean refused, Duration duration) {

  /** Requires every field. */
  public AttemptResponse {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(duration, "duration");
  }

  /**
   * A response with a status.
   *
   * @param status the HTTP status
   * @param duration how long it took
   * @return the response
   */
  public static AttemptResponse status(int status, Duration duration) {
    return new AttemptResponse(OptionalInt.of(status), Optional.empty(), false, duration);
  }

  /**
   * No response (network error or timeout).
   *
   * @param error what happened
   * @param duration how long it took
   * @return the response
   */
  public static AttemptResponse error(String error, Duration duration) {
    return new AttemptResponse(OptionalInt.empty(), Optional.of(error), false, duration);
  }

  /**
   * Refused by the SSRF guard before sending.
   *
   * @param reason why
   * @return the response
   */
  public static AttemptResponse refused(String reason) {
    return new AttemptResponse(OptionalInt.empty(), Optional.of(reason), true, Duration.ZERO);
  }
}
