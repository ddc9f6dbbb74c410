package dev.bizo.crm.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.bizo.crm.search.internal.CompactMiniLmModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The model this artifact ships (written by its build from the fp32 model) loads and embeds like the fp32
 * model. The fp32 model is on the test class path (provided scope), never on a user's.
 */
class BundledModelTest {

  private static final String SENTENCE = "CFO of a mid-size logistics firm who needs invoicing and cost reports";

  private static EmbeddingModel model;

  @BeforeAll
  static void load() {
    model = BundledModel.load();
  }

  private static double norm(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += x * (double) x;
    }
    return Math.sqrt(sum);
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * (double) b[i];
    }
    return dot / (norm(a) * norm(b));
  }

  @Test
  void loads_and_embeds_normalized_vectors_of_384_dimensions() {
    float[] vector = model.embed(SENTENCE).content().vector();

    assertThat(vector).hasSize(BundledModel.DIMENSION);
    assertThat(model.dimension()).isEqualTo(BundledModel.DIMENSION);
    assertThat(norm(vector)).isCloseTo(1.0, within(1e-4));
  }

  @Test
  void embeds_a_sentence_almost_exactly_as_the_fp32_model_does() {
    float[] shipped = model.embed(SENTENCE).content().vector();
    float[] fp32 = new AllMiniLmL6V2EmbeddingModel().embed(SENTENCE).content().vector();

    assertThat(cosine(shipped, fp32)).isGreaterThan(0.999);
    // a different sentence is far further away: the closeness above is not a property of every pair
    float[] other = model.embed("bakery owner who wants online ordering for croissants").content().vector();
    assertThat(cosine(shipped, other)).isLessThan(0.9);
  }

  @Test
  void shares_one_loaded_encoder_between_instances() {
    float[] first = model.embed(SENTENCE).content().vector();
    float[] second = BundledModel.load().embed(SENTENCE).content().vector();

    assertThat(second).containsExactly(first);
  }

  @Test
  void ships_the_weight_storage_its_name_announces() throws Exception {
    byte[] onnx;
    try (InputStream in = CompactMiniLmModel.class.getResourceAsStream(CompactMiniLmModel.MODEL_RESOURCE)) {
      assertThat(in).as(CompactMiniLmModel.MODEL_RESOURCE).isNotNull();
      onnx = in.readAllBytes();
    }
    Map<String, String> metadata;
    try (OrtSession session = OrtEnvironment.getEnvironment().createSession(onnx)) {
      metadata = session.getMetadata().getCustomMetadata();
    }
    String storage = metadata.get("bizo.weight_storage");
    String suffix = Map.of("FLOAT16", "fp16", "INT8_PER_CHANNEL", "int8w", "INT8_TABLES", "int8e").get(storage);

    assertThat(suffix).as("storage %s", storage).isEqualTo(CompactMiniLmModel.STORAGE);
    assertThat(BundledModel.NAME.toLowerCase(Locale.ROOT)).contains(suffix);
    assertThat(BundledModel.NAME).isNotEqualTo("AllMiniLmL6V2EmbeddingModel/384"); // the fp32 model's vectors
  }
}
