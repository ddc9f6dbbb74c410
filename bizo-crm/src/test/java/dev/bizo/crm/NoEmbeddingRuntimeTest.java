package dev.bizo.crm;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CRM carries no embedding model: ONNX Runtime, DJL and LangChain4j's in-process embeddings are on no
 * path of this module (semantic search is the opt-in {@code bizo-crm-search}). Fails if a dependency brings
 * them back.
 */
class NoEmbeddingRuntimeTest {

  @ParameterizedTest
  @ValueSource(strings = {
    "ai.onnxruntime.OrtEnvironment",
    "ai.djl.huggingface.tokenizers.HuggingFaceTokenizer",
    "dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel",
    "dev.langchain4j.model.embedding.EmbeddingModel"
  })
  void the_heavy_search_classes_are_not_on_the_classpath(String className) {
    assertThatThrownBy(() -> Class.forName(className, false, getClass().getClassLoader()))
        .isInstanceOf(ClassNotFoundException.class);
  }
}
