package dev.bizo.agents.internal;

import dev.bizo.agents.AgentRole;
import dev.bizo.agents.AgentRunException;
import dev.bizo.agents.AgentTask;
import dev.bizo.agents.spi.MarketingDataSource;
import dev.bizo.agents.tools.GuardedFetcher;
import dev.bizo.agents.tools.SeoAnalyser;
import dev.bizo.core.TenantId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Everything one agent step works with.
 *
 * @param role the agent
 * @param tenant the tenant
 * @param task the task
 * @param step the step's recorder
 * @param data the marketing data port
 * @param fetcher the guarded page fetcher
 * @param analyser the SEO analyser
 * @param model the model loop, empty in offline mode
 * @param prior outputs of earlier steps of the same crew run, by agent
 */
public record StepContext(
    AgentRole role,
    TenantId tenant,
    AgentTask task,
    StepRecorder step,
    MarketingDataSource data,
    GuardedFetcher fetcher,
    SeoAnalyser analyser,
    Optional<ModelLoop> model,
    Map<AgentRole, Object> prior) {

  /**
   * An earlier output of a given type, if a crew produced one.
   *
   * @param role the agent that produced it
   * @param type its type
   * @param <T> its type
   * @return the output
   */
  public <T> Optional<T> prior(AgentRole role, Class<T> type) {
    return Optional.ofNullable(prior.get(role)).filter(type::isInstance).map(type::cast);
  }

  /**
   * Calls a tool the way the model would (so it appears in the trace) and returns its typed result.
   *
   * @param tool the tool
   * @param arguments JSON arguments
   * @param type the result type
   * @param <T> the result type
   * @return the result
   * @throws AgentRunException when the tool failed
   */
  public <T> T use(ToolBinding tool, String arguments, Class<T> type) {
    AtomicReference<Object> raw = new AtomicReference<>();
    ToolBinding capturing = new ToolBinding(tool.specification(), args -> {
      Object value = tool.body().apply(args);
      raw.set(value);
      return value;
    });
    String text = step.callTool(capturing, arguments);
    if (raw.get() == null) {
      throw new AgentRunException("agent.tool_failed", tool.name() + " failed: " + text);
    }
    return type.cast(raw.get());
  }
}
