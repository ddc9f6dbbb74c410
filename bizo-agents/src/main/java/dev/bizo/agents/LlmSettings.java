package dev.bizo.agents;

import dev.bizo.core.config.Setting;
import java.net.URI;
import java.time.Duration;

/** Settings that choose and configure the chat model. With none of them set, agents run offline. */
public final class LlmSettings {

  /** Which kind of endpoint. */
  public enum Provider {
    /** Any OpenAI-compatible chat-completions endpoint. */
    OPENAI,
    /** An Ollama server. */
    OLLAMA,
    /** No model: the deterministic offline mode. */
    OFFLINE
  }

  /** {@code bizo.llm.provider}: openai, ollama or offline; default openai when a model is named. */
  public static final Setting<Provider> PROVIDER =
      Setting.enumeration("bizo.llm.provider", Provider.class).build();
  /** {@code bizo.llm.base-url}: e.g. {@code https://api.openai.com/v1} or {@code http://localhost:11434}. */
  public static final Setting<URI> BASE_URL = Setting.uri("bizo.llm.base-url").build();
  /** {@code bizo.llm.api-key}: the endpoint's key (secret). */
  public static final Setting<String> API_KEY = Setting.string("bizo.llm.api-key").secret().build();
  /** {@code bizo.llm.model}: the model name, e.g. {@code gpt-4o-mini} or {@code llama3.1}. */
  public static final Setting<String> MODEL = Setting.string("bizo.llm.model").build();
  /** {@code bizo.llm.timeout}: per-request timeout, default 60s. */
  public static final Setting<Duration> TIMEOUT =
      Setting.duration("bizo.llm.timeout").defaultValue(Duration.ofSeconds(60)).build();
  /** {@code bizo.llm.prices}: {@code model=in/out,...} per 1K tokens, see {@link dev.bizo.agents.trace.PriceTable}. */
  public static final Setting<String> PRICES = Setting.string("bizo.llm.prices").build();

  private LlmSettings() {}
}
