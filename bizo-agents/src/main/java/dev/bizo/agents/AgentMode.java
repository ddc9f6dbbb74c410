package dev.bizo.agents;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whether a result came from a language model or from the deterministic offline mode. */
public enum AgentMode {
  /** A configured chat model wrote the narrative and structured parts; tools computed the facts. */
  MODEL,
  /** No model was configured: tools computed the facts and a fixed template rendered the narrative. */
  OFFLINE;

  /**
   * The label used in JSON and logs.
   *
   * @return {@code model} or {@code offline}
   */
  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
