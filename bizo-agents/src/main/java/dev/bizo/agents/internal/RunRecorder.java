package dev.bizo.agents.internal;

import dev.bizo.agents.AgentMode;
import dev.bizo.agents.AgentRunException;
import dev.bizo.agents.spi.RunListener;
import dev.bizo.agents.spi.RunStore;
import dev.bizo.agents.trace.AgentRunId;
import dev.bizo.agents.trace.PriceTable;
import dev.bizo.agents.trace.RunEvent;
import dev.bizo.agents.trace.RunFailure;
import dev.bizo.agents.trace.RunLimits;
import dev.bizo.agents.trace.RunStatus;
import dev.bizo.agents.trace.RunTrace;
import dev.bizo.agents.trace.StepTrace;
import dev.bizo.agents.trace.TokenCount;
import dev.bizo.agents.trace.ToolCallTrace;
import dev.bizo.core.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a run's trace as it happens, enforces the run's limits, saves snapshots and emits progress events.
 * Thread-safe, because parallel crews record steps from several threads.
 */
public final class RunRecorder {

  private static final Logger LOG = LoggerFactory.getLogger(RunRecorder.class);

  private final AgentRunId id;
  private final TenantId tenant;
  private final String name;
  private final AgentMode mode;
  private final String model;
  private final RunLimits limits;
  private final Clock clock;
  private final PriceTable prices;
  private final List<RunListener> listeners;
  private final RunStore store;
  private final Instant startedAt;
  private final List<StepTrace> steps = new ArrayList<>();
  private int stepsStarted;
  private TokenCount tokens = TokenCount.ZERO;
  private RunStatus status = RunStatus.RUNNING;
  private Instant finishedAt;
  private RunFailure failure;

  /**
   * Starts recording a run: saves the RUNNING trace and emits {@code RUN_STARTED}.
   *
   * @param id the run's id
   * @param tenant the tenant
   * @param name agent or crew name
   * @param mode model or offline
   * @param model model name for pricing
   * @param limits the run's limits
   * @param clock the clock
   * @param prices the price table
   * @param listeners the progress listeners, each called in turn and isolated from the others' failures
   * @param store the store
   */
  public RunRecorder(AgentRunId id, TenantId tenant, String name, AgentMode mode, String model, RunLimits limits, Clock clock,
      PriceTable prices, List<RunListener> listeners, RunStore store) {
    this.id = id;
    this.tenant = tenant;
    this.name = name;
    this.mode = mode;
    this.model = model;
    this.limits = limits;
    this.clock = clock;
    this.prices = prices;
    this.listeners = List.copyOf(listeners);
    this.store = store;
    this.startedAt = clock.instant();
    store.save(snapshot());
    emit(RunEvent.Type.RUN_STARTED, 0, "", name);
  }

  /**
   * The run's id.
   *
   * @return the id
   */
  public AgentRunId id() {
    return id;
  }

  /**
   * The run's mode.
   *
   * @return the mode
   */
  public AgentMode mode() {
    return mode;
  }

  /**
   * Begins a step, refusing it when the step limit or the timeout is already reached.
   *
   * @param agent the agent name
   * @param input the step's input
   * @return the step's recorder
   * @throws AgentRunException when a limit is reached
   */
  public StepRecorder beginStep(String agent, String input) {
    int index;
    synchronized (this) {
      checkTimeout();
      if (stepsStarted >= limits.maxSteps()) {
        throw new AgentRunException(AgentRunException.STEP_LIMIT,
            "the run reached its limit of " + limits.maxSteps() + " steps");
      }
      index = ++stepsStarted;
    }
    StepRecorder step = new StepRecorder(this, index, agent, input, clock.instant());
    emit(RunEvent.Type.STEP_STARTED, index, agent, "");
    return step;
  }

  synchronized void addTokens(TokenCount used) {
    tokens = tokens.plus(used);
  }

  synchronized void checkTokens() {
    if (tokens.total() > limits.maxTokens()) {
      throw new AgentRunException(AgentRunException.TOKEN_LIMIT,
          "the run used " + tokens.total() + " tokens, over its limit of " + limits.maxTokens());
    }
  }

  synchronized void checkTimeout() {
    Duration elapsed = Duration.between(startedAt, clock.instant());
    if (elapsed.compareTo(limits.timeout()) > 0) {
      throw new AgentRunException(AgentRunException.TIMEOUT,
          "the run took " + elapsed + ", over its limit of " + limits.timeout());
    }
  }

  RunLimits limits() {
    return limits;
  }

  Clock clock() {
    return clock;
  }

  void stepFinished(StepTrace step) {
    synchronized (this) {
      steps.add(step);
    }
    save();
    emit(step.status() == RunStatus.SUCCEEDED ? RunEvent.Type.STEP_SUCCEEDED : RunEvent.Type.STEP_FAILED,
        step.index(), step.agent(), step.failure().map(RunFailure::code).orElse(""));
  }

  void toolCalled(int stepIndex, String agent, ToolCallTrace call) {
    emit(RunEvent.Type.TOOL_CALLED, stepIndex, agent, call.tool());
  }

  /**
   * Emits a progress event.
   *
   * @param type the event type
   * @param stepIndex the step, 0 for the run
   * @param agent the agent, blank for the run
   * @param detail detail
   */
  public void emit(RunEvent.Type type, int stepIndex, String agent, String detail) {
    RunEvent event = new RunEvent(id, type, stepIndex, agent, detail, clock.instant());
    for (RunListener listener : listeners) {
      try {
        listener.onEvent(event);
      } catch (RuntimeException e) {
        LOG.warn("run listener failed on {} of run {}; the run continues", type, id, e);
      }
    }
  }

  /**
   * Ends the run successfully.
   *
   * @return the final trace
   */
  public RunTrace succeed() {
    synchronized (this) {
      status = RunStatus.SUCCEEDED;
      finishedAt = clock.instant();
    }
    RunTrace trace = save();
    emit(RunEvent.Type.RUN_SUCCEEDED, 0, "", name);
    return trace;
  }

  /**
   * Ends the run as failed, keeping every step recorded so far.
   *
   * @param why the failure
   * @return the final trace
   */
  public RunTrace fail(RunFailure why) {
    synchronized (this) {
      status = RunStatus.FAILED;
      finishedAt = clock.instant();
      failure = why;
    }
    RunTrace trace = save();
    emit(RunEvent.Type.RUN_FAILED, 0, "", why.code());
    return trace;
  }

  private RunTrace save() {
    RunTrace trace = snapshot();
    store.save(trace);
    return trace;
  }

  /**
   * The trace as it stands.
   *
   * @return an immutable snapshot
   */
  public synchronized RunTrace snapshot() {
    return new RunTrace(id, tenant, name, mode, model, status, steps, tokens, prices.estimate(model, tokens),
        startedAt, Optional.ofNullable(finishedAt), Optional.ofNullable(failure));
  }
}
