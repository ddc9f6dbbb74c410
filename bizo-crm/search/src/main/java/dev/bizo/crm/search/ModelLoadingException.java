package dev.bizo.crm.search;

import dev.bizo.core.RetriableException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The embedding model is still loading: the same call will succeed once it has loaded. Coded {@value
 * #CODE}; {@link #retryAfter()} says when to try again (the reference server answers 503 with {@code
 * Retry-After}).
 */
public final class ModelLoadingException extends RetriableException {

  private static final long serialVersionUID = 1L;

  /** The stable code. */
  public static final String CODE = "search.model_loading";

  private final Duration retryAfter;

  /**
   * @param model the model's name, for the message
   * @param retryAfter when a retry is likely to succeed
   */
  public ModelLoadingException(String model, Duration retryAfter) {
    super(CODE, "The search model " + model + " is still loading; retry in " + retryAfter.toSeconds() + " s");
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
  }

  @Override
  public Optional<Duration> retryAfter() {
    return Optional.of(retryAfter);
  }
}
