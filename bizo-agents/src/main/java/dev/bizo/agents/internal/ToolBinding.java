package dev.bizo.agents.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import java.util.Objects;
import java.util.function.Function;

/**
 * A tool as offered to the model: its LangChain4j specification and the code that runs it, already bound to
 * the run's tenant so a model can never reach another tenant's data.
 *
 * @param specification what the model sees
 * @param body runs the tool on parsed arguments and returns a value serialised to JSON for the model
 */
public record ToolBinding(ToolSpecification specification, Function<JsonNode, Object> body) {

  /** Requires both parts. */
  public ToolBinding {
    Objects.requireNonNull(specification, "specification");
    Objects.requireNonNull(body, "body");
  }

  /**
   * The tool's name.
   *
   * @return the name from the specification
   */
  public String name() {
    return specification.name();
  }
}
