package dev.bizo.crm.scoring;

import dev.bizo.crm.Activity;
import dev.bizo.crm.Lead;
import dev.bizo.crm.internal.Apportionment;
import dev.bizo.crm.scoring.spi.LeadScorer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Scores leads with an explicitly activated {@link PredictiveModel}: the score is the probability of
 * WON in percent. The explanation starts from a baseline (the model's average lead) and shares the
 * rest among the features in proportion to {@code weight × standardized value}, so each factor
 * keeps its sign and the lines add up to the score.
 */
public final class PredictiveScorer implements LeadScorer {

  /** The id recorded in score history. */
  public static final String ID = "predictive";

  private final PredictiveModel model;
  private final String version;

  /** Activates a model for scoring. */
  public PredictiveScorer(PredictiveModel model) {
    this.model = Objects.requireNonNull(model, "model");
    this.version = "m" + model.version();
  }

  /** The active model. */
  public PredictiveModel model() {
    return model;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String version() {
    return version;
  }

  @Override
  public LeadScore score(Lead lead, List<Activity> activities, Clock clock) {
    Instant now = clock.instant();
    double[] x = LeadFeatureExtractor.extract(lead, activities, now);
    double[] c = model.logitContributions(x);
    double logitSum = 0;
    for (double v : c) {
      logitSum += v;
    }
    double baseline = 100 * PredictiveModel.sigmoid(model.bias());
    double score = 100 * PredictiveModel.sigmoid(model.bias() + logitSum);
    double perLogit;
    if (Math.abs(logitSum) > 1e-12) {
      perLogit = (score - baseline) / logitSum;
    } else {
      double p = baseline / 100;
      perLogit = 100 * p * (1 - p);
    }
    List<String> names = LeadFeatureExtractor.featureNames();
    List<String> labels = new ArrayList<>(names.size() + 1);
    double[] raw = new double[names.size() + 1];
    labels.add("Baseline (average lead)");
    raw[0] = baseline;
    for (int i = 0; i < c.length; i++) {
      labels.add(LeadFeatureExtractor.label(names.get(i)));
      raw[i + 1] = c[i] * perLogit;
    }
    int value = (int) Math.round(score);
    return new LeadScore(value, Apportionment.apportion(labels, raw, value), ID, version, now);
  }

  /**
   * The value {@link #score} would return, from the same log-odds summed in the same order, without
   * the explanation; features go into per-thread buffers, so nothing is allocated.
   */
  @Override
  public int scoreValue(Lead lead, List<Activity> activities, Clock clock) {
    LeadFeatureExtractor.Scratch scratch = LeadFeatureExtractor.scratch();
    double[] x = scratch.features;
    LeadFeatureExtractor.extractInto(lead, activities, clock.instant(), x, scratch);
    double logitSum = model.logitSum(x);
    return (int) Math.round(100 * PredictiveModel.sigmoid(model.bias() + logitSum));
  }
}
