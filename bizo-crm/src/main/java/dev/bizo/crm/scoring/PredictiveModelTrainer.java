package dev.bizo.crm.scoring;

import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.core.ValidationException.FieldError;
import dev.bizo.crm.LeadStatus;
import dev.bizo.crm.internal.RankingMetrics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.MutableDataset;
import org.tribuo.VariableInfo;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.impl.ListExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains a tenant's {@link PredictiveModel} on its closed leads, Einstein style: Tribuo's logistic
 * regression on WON versus LOST, with a deterministic stratified holdout for AUC and PR-AUC.
 * Everything is seeded, so the same leads give the same model.
 */
public final class PredictiveModelTrainer {

  /** Code of the refusal to train on too little data. */
  public static final String TOO_FEW_SAMPLES = "lead.model.too_few_samples";

  private static final String WON = "WON";
  private static final String LOST = "LOST";

  private final int minSamples;
  private final int minPerClass;
  private final double holdoutFraction;
  private final long seed;

  /** Defaults: at least 50 closed leads with 10 of each outcome, 25% held out, seed 42. */
  public PredictiveModelTrainer() {
    this(50, 10, 0.25, 42L);
  }

  /**
   * A trainer with explicit limits.
   *
   * @param minSamples fewest WON plus LOST leads to train on
   * @param minPerClass fewest leads of each outcome
   * @param holdoutFraction share of each outcome held out for metrics, between 0.05 and 0.5
   * @param seed seed of the holdout split
   */
  public PredictiveModelTrainer(int minSamples, int minPerClass, double holdoutFraction, long seed) {
    if (minPerClass < 4 || minSamples < 2 * minPerClass) {
      throw ValidationException.ofField(
          "minSamples", "too_small", "need minPerClass >= 4 and minSamples >= 2 * minPerClass");
    }
    if (!(holdoutFraction >= 0.05 && holdoutFraction <= 0.5)) {
      throw ValidationException.ofField("holdoutFraction", "out_of_range", "must be 0.05-0.5");
    }
    this.minSamples = minSamples;
    this.minPerClass = minPerClass;
    this.holdoutFraction = holdoutFraction;
    this.seed = seed;
  }

  /**
   * Trains a model. Leads that are neither WON nor LOST are ignored.
   *
   * @param tenantId the tenant; every example must belong to it
   * @param version the version the new model gets
   * @param examples the tenant's leads with their activities
   * @param clock source of {@code trainedAt}
   * @return the trained model with its holdout metrics
   * @throws ValidationException coded {@value #TOO_FEW_SAMPLES} below the minimum sample count, or
   *     when an example belongs to another tenant
   */
  public PredictiveModel train(
      TenantId tenantId, int version, List<TrainingExample> examples, Clock clock) {
    List<TrainingExample> won = new ArrayList<>();
    List<TrainingExample> lost = new ArrayList<>();
    for (TrainingExample e : examples) {
      if (!e.lead().tenantId().equals(tenantId)) {
        throw ValidationException.ofField(
            "examples", "other_tenant", "lead " + e.lead().id() + " belongs to another tenant");
      }
      if (e.lead().status() == LeadStatus.WON) {
        won.add(e);
      } else if (e.lead().status() == LeadStatus.LOST) {
        lost.add(e);
      }
    }
    checkEnough(won.size(), lost.size());
    Comparator<TrainingExample> byId = Comparator.comparing(e -> e.lead().id().value());
    won.sort(byId);
    lost.sort(byId);
    Random random = new Random(seed);
    Collections.shuffle(won, random);
    Collections.shuffle(lost, random);
    int wonHoldout = Math.max(2, (int) Math.round(won.size() * holdoutFraction));
    int lostHoldout = Math.max(2, (int) Math.round(lost.size() * holdoutFraction));
    List<TrainingExample> holdout = new ArrayList<>(won.subList(0, wonHoldout));
    holdout.addAll(lost.subList(0, lostHoldout));
    List<TrainingExample> training = new ArrayList<>(won.subList(wonHoldout, won.size()));
    training.addAll(lost.subList(lostHoldout, lost.size()));

    List<String> names = LeadFeatureExtractor.featureNames();
    int n = names.size();
    double[][] x = new double[training.size()][];
    boolean[] y = new boolean[training.size()];
    for (int i = 0; i < x.length; i++) {
      TrainingExample e = training.get(i);
      x[i] = LeadFeatureExtractor.extract(e.lead(), e.activities(), e.asOf());
      y[i] = e.lead().status() == LeadStatus.WON;
    }
    double[] means = new double[n];
    double[] scales = new double[n];
    for (int j = 0; j < n; j++) {
      double sum = 0;
      for (double[] row : x) {
        sum += row[j];
      }
      means[j] = sum / x.length;
      double sq = 0;
      for (double[] row : x) {
        sq += (row[j] - means[j]) * (row[j] - means[j]);
      }
      double sd = Math.sqrt(sq / x.length);
      scales[j] = sd > 1e-9 ? sd : 1;
    }

    LabelFactory labels = new LabelFactory();
    MutableDataset<Label> dataset =
        new MutableDataset<>(
            new SimpleDataSourceProvenance("tenant " + tenantId + " closed leads", clock.instant()
                .atOffset(java.time.ZoneOffset.UTC), labels),
            labels);
    String[] featureNames = names.toArray(new String[0]);
    for (int i = 0; i < x.length; i++) {
      double[] z = new double[n];
      for (int j = 0; j < n; j++) {
        z[j] = (x[i][j] - means[j]) / scales[j];
      }
      dataset.add(new ListExample<>(new Label(y[i] ? WON : LOST), featureNames, z));
    }
    LinearSGDModel model = (LinearSGDModel) new LogisticRegressionTrainer().train(dataset);

    // Two-class softmax is a logistic model on the difference of the two rows.
    DenseMatrix w = model.getWeightsCopy();
    ImmutableOutputInfo<Label> outputs = model.getOutputIDInfo();
    ImmutableFeatureMap features = model.getFeatureIDMap();
    int wonRow = outputs.getID(new Label(WON));
    int lostRow = outputs.getID(new Label(LOST));
    int biasColumn = features.size();
    double[] weights = new double[n];
    for (int j = 0; j < n; j++) {
      VariableInfo info = features.get(names.get(j));
      if (info != null) {
        int id = features.getID(names.get(j));
        weights[j] = w.get(wonRow, id) - w.get(lostRow, id);
      }
    }
    double bias = w.get(wonRow, biasColumn) - w.get(lostRow, biasColumn);

    double[] scores = new double[holdout.size()];
    boolean[] truth = new boolean[holdout.size()];
    ModelMetrics placeholder = new ModelMetrics(0.5, 0.5, training.size(), holdout.size(), 0, 0);
    PredictiveModel unscored =
        new PredictiveModel(tenantId, version, clock.instant(), placeholder, means, scales, weights, bias);
    for (int i = 0; i < scores.length; i++) {
      TrainingExample e = holdout.get(i);
      scores[i] = unscored.probability(LeadFeatureExtractor.extract(e.lead(), e.activities(), e.asOf()));
      truth[i] = e.lead().status() == LeadStatus.WON;
    }
    ModelMetrics metrics =
        new ModelMetrics(
            RankingMetrics.rocAuc(scores, truth),
            RankingMetrics.averagePrecision(scores, truth),
            training.size(),
            holdout.size(),
            won.size(),
            lost.size());
    return new PredictiveModel(
        tenantId, version, clock.instant(), metrics, means, scales, weights, bias);
  }

  private void checkEnough(int won, int lost) {
    List<FieldError> errors = new ArrayList<>();
    if (won + lost < minSamples) {
      errors.add(
          new FieldError(
              "examples", "too_few", "need at least " + minSamples + " WON or LOST leads, have "
                  + (won + lost)));
    }
    if (won < minPerClass) {
      errors.add(
          new FieldError("examples.won", "too_few", "need at least " + minPerClass
              + " WON leads, have " + won));
    }
    if (lost < minPerClass) {
      errors.add(
          new FieldError("examples.lost", "too_few", "need at least " + minPerClass
              + " LOST leads, have " + lost));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(
          TOO_FEW_SAMPLES,
          "not enough closed leads to train a model: "
              + errors.stream().map(FieldError::message).reduce((a, b) -> a + "; " + b).orElse(""),
          errors);
    }
  }
}
