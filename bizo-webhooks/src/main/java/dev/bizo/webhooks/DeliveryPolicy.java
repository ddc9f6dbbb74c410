package dev.bizo.webhooks;

import dev.bizo.core.ValidationException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to retry and what counts as done. 2xx is success; 410 Gone disables the endpoint; 408, 429 and 5xx,
 * timeouts and network errors are retried. So are 401, 403 and 404: a receiver that is not ready yet (an n8n
 * workflow not yet active answers 404, a wrong header-auth value 403) is fixed by its owner within the schedule, and
 * the message must still arrive then. Other statuses (400 and the like, and 3xx, since redirects are not followed)
 * and SSRF refusals fail at once.
 *
 * <p>The default schedule waits, after attempts 1 to 9: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and 24 h
 * — ten attempts over about 3 days 3 hours — each delay stretched or shrunk by up to 20% at random (jitter)
 * so that retries from many messages do not arrive together.
 *
 * @param delays the wait after each failed attempt; its size + 1 is the number of attempts
 * @param jitter the largest relative change of a delay, 0 to 0.5
 * @param attemptTimeout the longest one attempt may take
 */
public record DeliveryPolicy(List<Duration> delays, double jitter, Duration attemptTimeout) {

  /** The documented default schedule with 20% jitter and a 15-second attempt timeout. */
  public static final DeliveryPolicy STANDARD = new DeliveryPolicy(List.of(
      Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2),
      Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(14), Duration.ofHours(20),
      Duration.ofHours(24)), 0.2, Duration.ofSeconds(15));

  /** How an attempt is judged. */
  public enum Verdict {
    /** Delivered. */
    SUCCESS,
    /** Try again later. */
    RETRY,
    /** Give up on this message. */
    FAIL,
    /** Give up and disable the endpoint. */
    DISABLE
  }

  /** Validates the policy. */
  public DeliveryPolicy {
    delays = List.copyOf(delays);
    Objects.requireNonNull(attemptTimeout, "attemptTimeout");
    if (jitter < 0 || jitter > 0.5) {
      throw ValidationException.ofField("jitter", "webhook.jitter_range", "jitter must be 0..0.5");
    }
    if (delays.stream().anyMatch(d -> d.isNegative() || d.isZero()) || attemptTimeout.isNegative()
        || attemptTimeout.isZero()) {
      throw ValidationException.ofField("delays", "webhook.delay_invalid", "delays and timeout must be positive");
    }
  }

  /**
   * Judges an attempt.
   *
   * @param response what came back
   * @return the verdict
   */
  public Verdict judge(AttemptResponse response) {
    if (response.refused()) {
      return Verdict.FAIL;
    }
    if (response.status().isEmpty()) {
      return Verdict.RETRY;
    }
    int status = response.status().getAsInt();
    if (status >= 200 && status < 300) {
      return Verdict.SUCCESS;
    }
    if (status == 410) {
      return Verdict.DISABLE;
    }
    if (status == 401 || status == 403 || status == 404 || status == 408 || status == 429 || status >= 500) {
      return Verdict.RETRY;
    }
    return Verdict.FAIL;
  }

  /**
   * The wait before the next attempt.
   *
   * @param attemptsMade attempts made so far, at least 1
   * @param random the jitter source
   * @return the delay, or empty when the schedule is exhausted
   */
  public Optional<Duration> delayAfter(int attemptsMade, RandomGenerator random) {
    if (attemptsMade < 1 || attemptsMade > delays.size()) {
      return Optional.empty();
    }
    Duration base = delays.get(attemptsMade - 1);
    double factor = 1 + jitter * (2 * random.nextDouble() - 1);
    return Optional.of(Duration.ofMillis(Math.max(1, Math.round(base.toMillis() * factor))));
  }

  /**
   * The most attempts a message gets.
   *
   * @return delays + 1
   */
  public int maxAttempts() {
    return delays.size() + 1;
  }
}
