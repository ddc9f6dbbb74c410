package dev.bizo.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.ConfigurationException;
import dev.bizo.core.config.BizoConfig;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfiguredModelTest {

  @Test
  void nothing_configured_is_offline() {
    assertThat(ConfiguredModel.fromConfig(BizoConfig.of(Map.of()))).isEmpty();
  }

  @Test
  void an_openai_compatible_endpoint_is_built_from_base_url_key_and_model() {
    ConfiguredModel model = ConfiguredModel.fromConfig(BizoConfig.of(Map.of(
        "bizo.llm.base-url", "https://llm.internal.example/v1", "bizo.llm.api-key", "sk-1",
        "bizo.llm.model", "qwen2.5-7b"))).orElseThrow();

    assertThat(model.model()).isInstanceOf(OpenAiChatModel.class);
    assertThat(model.name()).isEqualTo("qwen2.5-7b");
  }

  @Test
  void ollama_is_chosen_by_provider() {
    ConfiguredModel model = ConfiguredModel.fromConfig(BizoConfig.of(Map.of(
        "bizo.llm.provider", "ollama", "bizo.llm.model", "llama3.1"))).orElseThrow();

    assertThat(model.model()).isInstanceOf(OllamaChatModel.class);
  }

  @Test
  void a_provider_without_a_model_name_is_a_configuration_error() {
    assertThatThrownBy(() -> ConfiguredModel.fromConfig(BizoConfig.of(Map.of("bizo.llm.provider", "openai"))))
        .isInstanceOf(ConfigurationException.class)
        .satisfies(e -> assertThat(((ConfigurationException) e).code()).isEqualTo("llm.model_missing"));
  }
}
