package dev.bizo.crm;

import dev.bizo.core.ValidationException;
import dev.bizo.crm.scoring.ModelMetrics;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One recorded training of a tenant's predictive model, successful or not. A trained model is stored
 * inactive; {@link PredictiveModels#activateModel} puts it to use.
 *
 * @param version the model version this run used (failed runs use one up too, so versions stay unique)
 * @param status whether a model came out of it
 * @param metrics holdout metrics of the trained model; empty when it failed
 * @param failure why it failed, e.g. too few closed leads; empty when trained
 * @param at when it ran
 */
public record ModelTrainingRun(
    int version, Status status, Optional<ModelMetrics> metrics, Optional<String> failure, Instant at) {

  /** Outcome of a training run. */
  public enum Status {
    /** A model was trained and stored (inactive). */
    TRAINED,
    /** Training was refused or failed; nothing can be activated. */
    FAILED
  }

  public ModelTrainingRun {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(at, "at");
    if (version <= 0) {
      throw ValidationException.ofField("version", "not_positive", "versions start at 1");
    }
    if ((status == Status.TRAINED) != metrics.isPresent() || (status == Status.FAILED) != failure.isPresent()) {
      throw ValidationException.ofField("status", "inconsistent", "a trained run has metrics, a failed one a reason");
    }
  }
}
