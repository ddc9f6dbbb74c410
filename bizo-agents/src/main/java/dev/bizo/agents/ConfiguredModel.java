package dev.bizo.agents;

import dev.bizo.core.ConfigurationException;
import dev.bizo.core.config.BizoConfig;
import dev.bizo.core.http.OutboundHttp;
import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.http.client.jdk.JdkHttpClientBuilder;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A chat model and the name it is priced under.
 *
 * @param model the LangChain4j chat model
 * @param name the model name, a key of the price table
 */
public record ConfiguredModel(ChatModel model, String name) {

  /** Requires both fields. */
  public ConfiguredModel {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(name, "name");
  }

  /**
   * Builds the model the configuration asks for. Nothing configured, or provider {@code offline}, means
   * offline mode (empty).
   *
   * @param config the configuration
   * @return the model, or empty for offline mode
   * @throws ConfigurationException when a provider is chosen without a model name
   */
  public static Optional<ConfiguredModel> fromConfig(BizoConfig config) {
    Optional<LlmSettings.Provider> provider = config.find(LlmSettings.PROVIDER);
    Optional<String> model = config.find(LlmSettings.MODEL);
    if (provider.isEmpty() && model.isEmpty() && config.find(LlmSettings.BASE_URL).isEmpty()) {
      return Optional.empty();
    }
    LlmSettings.Provider chosen = provider.orElse(LlmSettings.Provider.OPENAI);
    if (chosen == LlmSettings.Provider.OFFLINE) {
      return Optional.empty();
    }
    String name = model.orElseThrow(() -> new ConfigurationException("llm.model_missing",
        "bizo.llm.model is required when bizo.llm.provider is " + chosen.name().toLowerCase(java.util.Locale.ROOT)));
    Duration timeout = config.require(LlmSettings.TIMEOUT);
    if (chosen == LlmSettings.Provider.OLLAMA) {
      String url = config.find(LlmSettings.BASE_URL).map(URI::toString).orElse("http://localhost:11434");
      return Optional.of(new ConfiguredModel(
          OllamaChatModel.builder().httpClientBuilder(httpFor(url)).baseUrl(url).modelName(name).timeout(timeout)
              .build(), name));
    }
    String url = config.find(LlmSettings.BASE_URL).map(URI::toString).orElse("https://api.openai.com/v1");
    return Optional.of(new ConfiguredModel(OpenAiChatModel.builder()
        .httpClientBuilder(httpFor(url))
        .baseUrl(url)
        .apiKey(config.find(LlmSettings.API_KEY).orElse("not-needed"))
        .modelName(name)
        .timeout(timeout)
        .maxRetries(1)
        .build(), name));
  }

  /**
   * The JDK client LangChain4j uses for one base URL, from {@link OutboundHttp}: HTTP/1.1 for an {@code http://} base
   * URL such as a local Ollama (the JDK's default would offer {@code Upgrade: h2c}, which Node-based proxies never
   * answer), HTTP/2 over TLS.
   */
  private static JdkHttpClientBuilder httpFor(String baseUrl) {
    return JdkHttpClient.builder().httpClientBuilder(OutboundHttp.clientBuilder(URI.create(baseUrl)));
  }
}
