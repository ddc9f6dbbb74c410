package dev.bizo.webhooks;

import java.time.Instant;
import java.util.Objects;

/**
 * One logged attempt.
 *
 * @param number 1 for the first attempt
 * @param at when it was made
 * @param response what came back
 * @param verdict how the policy judged it
 */
public record DeliveryAttempt(int number, Instant at, AttemptResponse response, DeliveryPolicy.Verdict verdict) {

  /** Requires every field. */
  public DeliveryAttempt {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(verdict, "verdict");
  }
}
