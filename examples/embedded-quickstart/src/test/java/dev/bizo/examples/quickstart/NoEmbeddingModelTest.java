package dev.bizo.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An application of leads, payments and offline agents pulls no embedding model: bizo-crm and bizo-agents
 * leave ONNX Runtime, DJL and the bundled model to the opt-in bizo-crm-search.
 */
class NoEmbeddingModelTest {

  @ParameterizedTest
  @ValueSource(strings = {
    "ai.onnxruntime.OrtEnvironment",
    "ai.djl.huggingface.tokenizers.HuggingFaceTokenizer",
    "dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel"
  })
  void the_embedding_runtime_is_not_on_the_application_classpath(String className) {
    assertThatThrownBy(() -> Class.forName(className, false, getClass().getClassLoader()))
        .isInstanceOf(ClassNotFoundException.class);
  }
}
