package dev.bizo.server.agents;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.bizo.agents.trace.RunTrace;
import dev.bizo.agents.trace.StepTrace;
import dev.bizo.agents.trace.ToolCallTrace;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of the agents API. */
public final class AgentViews {

  private static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new Jdk8Module())
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private AgentViews() {}

  /** An agent's structured output as JSON, written by Jackson so that Optionals and times read naturally. */
  static JsonValue toJson(Object output) {
    if (output == null) {
      return JsonValue.NULL;
    }
    try (var reader = Json.createReader(new StringReader(JSON.writeValueAsString(output)))) {
      return reader.readValue();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the output of an agent run", e);
    }
  }

  /**
   * One tool call.
   *
   * @param tool the tool's name
   * @param arguments its arguments, as JSON text
   * @param succeeded whether it succeeded
   * @param durationMillis how long it took
   */
  public record ToolCallView(String tool, String arguments, boolean succeeded, long durationMillis) {
    static ToolCallView of(ToolCallTrace t) {
      return new ToolCallView(t.tool(), t.arguments(), t.succeeded(), t.duration().toMillis());
    }
  }

  /**
   * One step of a run.
   *
   * @param index position in the run
   * @param agent the agent that ran it
   * @param status {@code RUNNING}, {@code SUCCEEDED} or {@code FAILED}
   * @param toolCalls the tools it called
   * @param inputTokens tokens sent
   * @param outputTokens tokens received
   * @param modelCalls calls to the model
   * @param durationMillis how long it took
   * @param failure why it failed
   */
  public record StepView(
      int index, String agent, String status, List<ToolCallView> toolCalls, long inputTokens, long outputTokens, int modelCalls,
      long durationMillis, String failure) {
    static StepView of(StepTrace s) {
      return new StepView(
          s.index(), s.agent(), s.status().name(), s.toolCalls().stream().map(ToolCallView::of).toList(), s.tokens().input(),
          s.tokens().output(), s.modelCalls(), s.duration().toMillis(), s.failure().map(f -> f.code() + ": " + f.message()).orElse(null));
    }
  }

  /**
   * A run's trace.
   *
   * @param id the run id
   * @param name the agent or crew
   * @param mode {@code offline} or {@code model}
   * @param model the model's name
   * @param status {@code RUNNING}, {@code SUCCEEDED} or {@code FAILED}
   * @param steps its steps
   * @param inputTokens tokens sent, all steps
   * @param outputTokens tokens received, all steps
   * @param estimatedCost estimated cost in USD, from the price table
   * @param startedAt when it started
   * @param finishedAt when it ended
   * @param failure why it failed
   */
  public record RunView(
      String id, String name, String mode, String model, String status, List<StepView> steps, long inputTokens, long outputTokens,
      String estimatedCost, String startedAt, String finishedAt, String failure) {
    static RunView of(RunTrace t) {
      return new RunView(
          t.id().toString(), t.name(), t.mode().label(), t.model(), t.status().name(), t.steps().stream().map(StepView::of).toList(),
          t.tokens().input(), t.tokens().output(), t.estimatedCost().toPlainString(), t.startedAt().toString(),
          t.finishedAt().map(Instant::toString).orElse(null), t.failure().map(f -> f.code() + ": " + f.message()).orElse(null));
    }
  }

  /**
   * A finished run and what it produced.
   *
   * @param run the trace
   * @param output the structured output (per agent for a crew); null when the run failed
   */
  public record RunResultView(RunView run, JsonValue output) {}
}
