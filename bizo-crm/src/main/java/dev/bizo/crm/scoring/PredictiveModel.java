package dev.bizo.crm.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A trained, versioned logistic model for one tenant: standardization, weights and bias over
 * {@link LeadFeatureExtractor}'s features, plus its holdout metrics. Immutable. It is activated
 * explicitly by building a {@link PredictiveScorer} from it; {@link #toBytes()} gives the form to
 * store, {@link #fromBytes(byte[])} reads it back.
 */
public final class PredictiveModel {

  private static final int FORMAT = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TenantId tenantId;
  private final int version;
  private final Instant trainedAt;
  private final ModelMetrics metrics;
  private final double[] means;
  private final double[] scales;
  private final double[] weights;
  private final double bias;

  /**
   * A model over the current feature layout.
   *
   * @param tenantId the tenant it was trained for
   * @param version its version, positive, increasing per tenant
   * @param trainedAt when it was trained
   * @param metrics its holdout metrics
   * @param means per-feature mean used for standardization
   * @param scales per-feature standard deviation used for standardization, positive
   * @param weights per-feature weight on the standardized value (log-odds of WON)
   * @param bias the intercept (log-odds of WON for an average lead)
   */
  public PredictiveModel(
      TenantId tenantId,
      int version,
      Instant trainedAt,
      ModelMetrics metrics,
      double[] means,
      double[] scales,
      double[] weights,
      double bias) {
    this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
    this.trainedAt = Objects.requireNonNull(trainedAt, "trainedAt");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    int n = LeadFeatureExtractor.featureNames().size();
    if (version <= 0) {
      throw ValidationException.ofField("version", "not_positive", "model versions start at 1");
    }
    if (means.length != n || scales.length != n || weights.length != n) {
      throw ValidationException.ofField(
          "weights", "wrong_size", "expected " + n + " features for schema "
              + LeadFeatureExtractor.SCHEMA_VERSION);
    }
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(means[i]) || !(scales[i] > 0) || !Double.isFinite(weights[i])) {
        throw ValidationException.ofField("weights", "not_finite", "feature " + i + " is invalid");
      }
    }
    if (!Double.isFinite(bias)) {
      throw ValidationException.ofField("bias", "not_finite", "bias must be finite");
    }
    this.version = version;
    this.means = means.clone();
    this.scales = scales.clone();
    this.weights = weights.clone();
    this.bias = bias;
  }

  public TenantId tenantId() {
    return tenantId;
  }

  public int version() {
    return version;
  }

  public Instant trainedAt() {
    return trainedAt;
  }

  public ModelMetrics metrics() {
    return metrics;
  }

  /** The intercept in log-odds. */
  public double bias() {
    return bias;
  }

  /** A copy of the weights, in the order of {@link LeadFeatureExtractor#featureNames()}. */
  public double[] weights() {
    return weights.clone();
  }

  /** The feature names the weights refer to. */
  public List<String> featureNames() {
    return LeadFeatureExtractor.featureNames();
  }

  /** Per-feature log-odds contributions {@code weight × standardized value}. */
  double[] logitContributions(double[] features) {
    double[] c = new double[features.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = weights[i] * (features[i] - means[i]) / scales[i];
    }
    return c;
  }

  /** The sum of {@link #logitContributions}, added in the same order, without the array. */
  double logitSum(double[] features) {
    double sum = 0;
    for (int i = 0; i < features.length; i++) {
      sum += weights[i] * (features[i] - means[i]) / scales[i];
    }
    return sum;
  }

  /** Probability that a lead with these features is WON. */
  public double probability(double[] features) {
    double z = bias;
    for (int i = 0; i < features.length; i++) {
      z += weights[i] * (features[i] - means[i]) / scales[i];
    }
    return sigmoid(z);
  }

  static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  /** The stored form: UTF-8 JSON with a format number. */
  public byte[] toBytes() {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("schema", LeadFeatureExtractor.SCHEMA_VERSION);
    root.put("tenantId", tenantId.value().toString());
    root.put("version", version);
    root.put("trainedAt", trainedAt.toString());
    ObjectNode m = root.putObject("metrics");
    m.put("auc", metrics.auc());
    m.put("prAuc", metrics.prAuc());
    m.put("trainingSize", metrics.trainingSize());
    m.put("holdoutSize", metrics.holdoutSize());
    m.put("won", metrics.won());
    m.put("lost", metrics.lost());
    ArrayNode names = root.putArray("features");
    featureNames().forEach(names::add);
    putArray(root, "means", means);
    putArray(root, "scales", scales);
    putArray(root, "weights", weights);
    root.put("bias", bias);
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  /**
   * Reads a model written by {@link #toBytes()}.
   *
   * @throws ValidationException coded {@code lead.model.unreadable} for corrupt bytes, or {@code
   *     lead.model.incompatible} for a model over another feature layout
   */
  public static PredictiveModel fromBytes(byte[] bytes) {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (IOException e) {
      throw unreadable("not JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject() || root.path("format").asInt() != FORMAT) {
      throw unreadable("unknown format");
    }
    List<String> names =
        JSON.convertValue(
            root.path("features"),
            JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    if (root.path("schema").asInt() != LeadFeatureExtractor.SCHEMA_VERSION
        || !LeadFeatureExtractor.featureNames().equals(names)) {
      throw new ValidationException(
          "lead.model.incompatible",
          "the model was trained on another feature layout; retrain it",
          List.of(new ValidationException.FieldError("features", "incompatible", "retrain")));
    }
    try {
      JsonNode m = root.path("metrics");
      return new PredictiveModel(
          TenantId.parse(root.path("tenantId").asText()),
          root.path("version").asInt(),
          Instant.parse(root.path("trainedAt").asText()),
          new ModelMetrics(
              m.path("auc").asDouble(),
              m.path("prAuc").asDouble(),
              m.path("trainingSize").asInt(),
              m.path("holdoutSize").asInt(),
              m.path("won").asInt(),
              m.path("lost").asInt()),
          readArray(root, "means"),
          readArray(root, "scales"),
          readArray(root, "weights"),
          root.path("bias").asDouble(Double.NaN));
    } catch (DateTimeParseException e) {
      throw unreadable("bad trainedAt");
    }
  }

  private static ValidationException unreadable(String why) {
    return new ValidationException(
        "lead.model.unreadable",
        "stored model is unreadable: " + why,
        List.of(new ValidationException.FieldError("model", "unreadable", why)));
  }

  private static void putArray(ObjectNode root, String name, double[] values) {
    ArrayNode a = root.putArray(name);
    for (double v : values) {
      a.add(v);
    }
  }

  private static double[] readArray(JsonNode root, String name) {
    JsonNode a = root.path(name);
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asDouble(Double.NaN);
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof PredictiveModel)) {
      return false;
    }
    PredictiveModel p = (PredictiveModel) o;
    return tenantId.equals(p.tenantId)
        && version == p.version
        && trainedAt.equals(p.trainedAt)
        && metrics.equals(p.metrics)
        && Arrays.equals(means, p.means)
        && Arrays.equals(scales, p.scales)
        && Arrays.equals(weights, p.weights)
        && Double.compare(bias, p.bias) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(tenantId, version, trainedAt, Arrays.hashCode(weights));
  }

  @Override
  public String toString() {
    return "PredictiveModel[" + tenantId + " v" + version + ", auc=" + metrics.auc() + "]";
  }
}
