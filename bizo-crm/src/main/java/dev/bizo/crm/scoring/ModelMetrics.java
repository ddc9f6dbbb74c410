package dev.bizo.crm.scoring;

import dev.bizo.core.ValidationException;

/**
 * How well a predictive model ranked the held-out leads it never saw in training.
 *
 * @param auc area under the ROC curve, 0.5 is chance
 * @param prAuc area under the precision-recall curve (average precision) for WON
 * @param trainingSize leads trained on
 * @param holdoutSize leads held out
 * @param won WON leads in the whole sample
 * @param lost LOST leads in the whole sample
 */
public record ModelMetrics(
    double auc, double prAuc, int trainingSize, int holdoutSize, int won, int lost) {

  public ModelMetrics {
    if (!(auc >= 0 && auc <= 1) || !(prAuc >= 0 && prAuc <= 1)) {
      throw ValidationException.ofField("auc", "out_of_range", "metrics must be within 0-1");
    }
    if (trainingSize <= 0 || holdoutSize <= 0 || won < 0 || lost < 0) {
      throw ValidationException.ofField("trainingSize", "out_of_range", "sizes must be positive");
    }
  }
}
