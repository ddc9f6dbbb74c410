package dev.bizo.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bizo.core.config.BizoConfig;
import dev.bizo.testkit.NodeHttpPeer;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The LLM clients ConfiguredModel builds, against a real Node.js server on an {@code http://} base URL (a local
 * Ollama, or an OpenAI-compatible proxy written in Node); the server has an {@code upgrade} listener that never
 * answers the h2c upgrade the JDK's default client offers.
 */
class LlmBaseUrlNodePeerIT {

  private static final String OPENAI_COMPLETION = """
      {"id":"chatcmpl-1","object":"chat.completion","created":1767225600,"model":"gpt-4o-mini",
       "choices":[{"index":0,"message":{"role":"assistant","content":"Hello from the Node proxy"},
                   "finish_reason":"stop"}],
       "usage":{"prompt_tokens":9,"completion_tokens":5,"total_tokens":14}}""";
  private static final String OLLAMA_CHAT = """
      {"model":"llama3.1","created_at":"2026-01-01T00:00:00Z",
       "message":{"role":"assistant","content":"Hello from the local Ollama"},
       "done":true,"done_reason":"stop","prompt_eval_count":9,"eval_count":6}""";

  private NodeHttpPeer peer;

  @BeforeEach
  void start() throws Exception {
    assumeTrue(NodeHttpPeer.nodeAvailable(), NodeHttpPeer.NO_NODE);
    peer = NodeHttpPeer.start()
        .route("POST", "/v1/chat/completions", 200, "application/json", OPENAI_COMPLETION)
        .route("POST", "/api/chat", 200, "application/json", OLLAMA_CHAT);
  }

  @AfterEach
  void stop() {
    if (peer != null) {
      peer.close();
    }
  }

  @Test
  void an_openai_compatible_model_on_an_http_base_url_is_answered() {
    ConfiguredModel model = ConfiguredModel.fromConfig(BizoConfig.of(Map.of(
        "bizo.llm.base-url", peer.url("/v1").toString(), "bizo.llm.api-key", "sk-test",
        "bizo.llm.model", "gpt-4o-mini", "bizo.llm.timeout", "10s"))).orElseThrow();

    assertThat(model.model().chat("Say hello")).isEqualTo("Hello from the Node proxy");
    assertThat(peer.upgradesOffered()).isEmpty();
    assertThat(peer.received()).singleElement().satisfies(r -> {
      assertThat(r.path()).isEqualTo("/v1/chat/completions");
      assertThat(r.httpVersion()).isEqualTo("1.1");
      assertThat(r.header("authorization")).contains("Bearer sk-test");
    });
  }

  @Test
  void an_ollama_model_on_an_http_base_url_is_answered() {
    ConfiguredModel model = ConfiguredModel.fromConfig(BizoConfig.of(Map.of(
        "bizo.llm.provider", "ollama", "bizo.llm.base-url", peer.url("").toString(),
        "bizo.llm.model", "llama3.1", "bizo.llm.timeout", "10s"))).orElseThrow();

    assertThat(model.model().chat("Say hello")).isEqualTo("Hello from the local Ollama");
    assertThat(peer.upgradesOffered()).isEmpty();
    assertThat(peer.received()).singleElement().satisfies(r -> {
      assertThat(r.path()).isEqualTo("/api/chat");
      assertThat(r.httpVersion()).isEqualTo("1.1");
      assertThat(r.body()).contains("\"llama3.1\"").contains("Say hello");
    });
  }
}
