package dev.bizo.agents;

import dev.bizo.agents.crew.Crew;
import dev.bizo.agents.crew.CrewResult;
import dev.bizo.agents.crew.CrewTask;
import dev.bizo.agents.internal.AgentBehaviour;
import dev.bizo.agents.internal.ContentCreatorBehaviour;
import dev.bizo.agents.internal.Json;
import dev.bizo.agents.internal.LeadScorerBehaviour;
import dev.bizo.agents.internal.ModelLoop;
import dev.bizo.agents.internal.ReportGeneratorBehaviour;
import dev.bizo.agents.internal.RunRecorder;
import dev.bizo.agents.internal.SeoAnalyserBehaviour;
import dev.bizo.agents.internal.StepContext;
import dev.bizo.agents.internal.StepRecorder;
import dev.bizo.agents.internal.StrategistBehaviour;
import dev.bizo.agents.internal.SupervisorDecision;
import dev.bizo.agents.internal.TokenEstimator;
import dev.bizo.agents.spi.MarketingDataSource;
import dev.bizo.agents.spi.RunListener;
import dev.bizo.agents.spi.RunStore;
import dev.bizo.agents.tools.GuardedFetcher;
import dev.bizo.agents.tools.SeoAnalyser;
import dev.bizo.agents.trace.AgentRunId;
import dev.bizo.agents.trace.InMemoryRunStore;
import dev.bizo.agents.trace.PriceTable;
import dev.bizo.agents.trace.RunEvent;
import dev.bizo.agents.trace.RunFailure;
import dev.bizo.agents.trace.RunLimits;
import dev.bizo.agents.trace.RunTrace;
import dev.bizo.agents.trace.TokenCount;
import dev.bizo.core.BizoException;
import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.core.config.BizoConfig;
import dev.langchain4j.model.chat.ChatModel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs agents and crews for a tenant. With a {@link ConfiguredModel} the agents converse with it (tool calls,
 * structured output with bounded repair); without one they run in the deterministic offline mode, where the
 * same tools compute the facts and a template writes the narrative. Every run is traced, limited, saved to
 * the {@link RunStore} and reported live to the {@link RunListener}.
 *
 * <pre>{@code
 * AgentRuntime runtime = AgentRuntime.builder(dataSource)
 *     .model(ConfiguredModel.fromConfig(BizoConfig.fromEnvironment()))
 *     .build();
 * CrewResult campaign = runtime.run(tenant, Crew.campaign(), AgentTask.builder("Spring sale", period).build());
 * }</pre>
 */
public final class AgentRuntime {

  private static final Logger LOG = LoggerFactory.getLogger(AgentRuntime.class);

  private static final Map<AgentRole, Class<?>> OUTPUT_TYPES = Map.of(
      AgentRole.STRATEGIST, StrategyPlan.class,
      AgentRole.CONTENT_CREATOR, CampaignContent.class,
      AgentRole.SEO_ANALYSER, SeoAudit.class,
      AgentRole.LEAD_SCORER, LeadRanking.class,
      AgentRole.REPORT_GENERATOR, PeriodReport.class);

  private final MarketingDataSource data;
  private final Optional<ConfiguredModel> model;
  private final GuardedFetcher fetcher;
  private final SeoAnalyser analyser = new SeoAnalyser();
  private final Clock clock;
  private final RunLimits limits;
  private final PriceTable prices;
  private final RunStore store;
  private final RunListener listener;
  private final int maxRepairs;
  private final CrewSupervisor supervisor;
  private final Map<AgentRole, AgentBehaviour<?>> behaviours = new EnumMap<>(AgentRole.class);

  private AgentRuntime(Builder b) {
    this.data = Objects.requireNonNull(b.data, "data");
    this.model = b.model;
    this.fetcher = b.fetcher;
    this.clock = b.clock;
    this.limits = b.limits;
    this.prices = b.prices;
    this.store = b.store;
    this.listener = b.listener;
    this.maxRepairs = b.maxRepairs;
    this.supervisor = new CrewSupervisor(b.model, b.supervisorRetries);
    behaviours.put(AgentRole.STRATEGIST, new StrategistBehaviour());
    behaviours.put(AgentRole.CONTENT_CREATOR, new ContentCreatorBehaviour());
    behaviours.put(AgentRole.SEO_ANALYSER, new SeoAnalyserBehaviour());
    behaviours.put(AgentRole.LEAD_SCORER, new LeadScorerBehaviour());
    behaviours.put(AgentRole.REPORT_GENERATOR, new ReportGeneratorBehaviour());
  }

  /**
   * A builder.
   *
   * @param data the marketing data port
   * @return the builder
   */
  public static Builder builder(MarketingDataSource data) {
    return new Builder(data);
  }

  /**
   * Whether runs use a model or the offline mode.
   *
   * @return the mode
   */
  public AgentMode mode() {
    return model.isPresent() ? AgentMode.MODEL : AgentMode.OFFLINE;
  }

  /**
   * The store runs are saved to.
   *
   * @return the store
   */
  public RunStore runStore() {
    return store;
  }

  /**
   * Runs the strategist.
   *
   * @param tenant the tenant
   * @param task the task
   * @return the result
   */
  public AgentResult<StrategyPlan> strategist(TenantId tenant, AgentTask task) {
    return run(tenant, AgentRole.STRATEGIST, task, StrategyPlan.class);
  }

  /**
   * Runs the content creator.
   *
   * @param tenant the tenant
   * @param task the task
   * @return the result
   */
  public AgentResult<CampaignContent> contentCreator(TenantId tenant, AgentTask task) {
    return run(tenant, AgentRole.CONTENT_CREATOR, task, CampaignContent.class);
  }

  /**
   * Runs the SEO analyser on the task's page (HTML or URL).
   *
   * @param tenant the tenant
   * @param task the task
   * @return the result
   */
  public AgentResult<SeoAudit> seoAnalyser(TenantId tenant, AgentTask task) {
    return run(tenant, AgentRole.SEO_ANALYSER, task, SeoAudit.class);
  }

  /**
   * Runs the lead scorer.
   *
   * @param tenant the tenant
   * @param task the task
   * @return the result
   */
  public AgentResult<LeadRanking> leadScorer(TenantId tenant, AgentTask task) {
    return run(tenant, AgentRole.LEAD_SCORER, task, LeadRanking.class);
  }

  /**
   * Runs the report generator.
   *
   * @param tenant the tenant
   * @param task the task
   * @return the result
   */
  public AgentResult<PeriodReport> reportGenerator(TenantId tenant, AgentTask task) {
    return run(tenant, AgentRole.REPORT_GENERATOR, task, PeriodReport.class);
  }

  /**
   * Runs one agent as a run of its own. Never throws for failures inside the run: they end it FAILED.
   *
   * @param tenant the tenant
   * @param role the agent
   * @param task the task
   * @param outputType the agent's output type
   * @param <O> the output type
   * @return the result, with the output when the run succeeded
   * @throws ValidationException when {@code outputType} is not the agent's output type
   */
  public <O> AgentResult<O> run(TenantId tenant, AgentRole role, AgentTask task, Class<O> outputType) {
    return run(tenant, role, task, outputType, RunListener.NONE);
  }

  /**
   * Runs one agent as a run of its own, sending this run's progress to {@code progress} as well as to the
   * runtime's listener, e.g. to stream it to one browser over SSE. The first event is
   * {@link RunEvent.Type#RUN_STARTED}, carrying the run's id; the last is {@code RUN_SUCCEEDED} or
   * {@code RUN_FAILED}.
   *
   * @param tenant the tenant
   * @param role the agent
   * @param task the task
   * @param outputType the agent's output type
   * @param progress this run's listener; its failures are logged and never fail the run
   * @param <O> the output type
   * @return the result, with the output when the run succeeded
   * @throws ValidationException when {@code outputType} is not the agent's output type
   */
  public <O> AgentResult<O> run(TenantId tenant, AgentRole role, AgentTask task, Class<O> outputType,
      RunListener progress) {
    Objects.requireNonNull(progress, "progress");
    checkOutputType(role, outputType);
    return run(AgentRunId.generate(), tenant, role, task, outputType, progress);
  }

  /**
   * Starts one agent's run on {@code executor} and returns at once with the run's id, so a caller can answer
   * a request with it and stream {@code progress} (e.g. over SSE) while the run goes on.
   *
   * @param tenant the tenant
   * @param role the agent
   * @param task the task
   * @param outputType the agent's output type
   * @param executor where the run executes (in a Jakarta EE server, a managed executor)
   * @param progress this run's listener, called from the executor's thread
   * @param <O> the output type
   * @return the run's id and its future result; the future never completes exceptionally for failures
   *     inside the run, which end it FAILED
   * @throws ValidationException when {@code outputType} is not the agent's output type
   */
  public <O> RunHandle<AgentResult<O>> start(TenantId tenant, AgentRole role, AgentTask task, Class<O> outputType,
      Executor executor, RunListener progress) {
    Objects.requireNonNull(executor, "executor");
    Objects.requireNonNull(progress, "progress");
    checkOutputType(role, outputType);
    AgentRunId id = AgentRunId.generate();
    return new RunHandle<>(id,
        CompletableFuture.supplyAsync(() -> run(id, tenant, role, task, outputType, progress), executor));
  }

  private static void checkOutputType(AgentRole role, Class<?> outputType) {
    if (!OUTPUT_TYPES.get(role).equals(outputType)) {
      throw ValidationException.ofField("outputType", "agent.output_type_mismatch",
          role.id() + " produces " + OUTPUT_TYPES.get(role).getSimpleName() + ", not " + outputType.getSimpleName());
    }
  }

  private <O> AgentResult<O> run(AgentRunId id, TenantId tenant, AgentRole role, AgentTask task,
      Class<O> outputType, RunListener progress) {
    RunRecorder rec = recorder(id, tenant, role.id(), progress);
    Object output = null;
    RunTrace trace;
    try {
      output = step(rec, tenant, role, task, Map.of());
      trace = rec.succeed();
    } catch (RuntimeException e) {
      trace = rec.fail(failureOf(e));
    }
    return new AgentResult<>(role, rec.mode(), Optional.ofNullable(output).map(outputType::cast), trace);
  }

  /**
   * Runs a crew. Never throws for failures inside the run: a failed step, an exceeded limit or a supervisor
   * that keeps choosing outside the crew ends it FAILED, keeping the outputs and trace so far.
   *
   * @param tenant the tenant
   * @param crew the crew
   * @param task the shared task (period, keywords, page); each member gets its own instruction
   * @return the result
   */
  public CrewResult run(TenantId tenant, Crew crew, AgentTask task) {
    return run(tenant, crew, task, RunListener.NONE);
  }

  /**
   * Runs a crew, sending this run's progress to {@code progress} as well as to the runtime's listener, e.g.
   * to stream it to one browser over SSE. The first event is {@link RunEvent.Type#RUN_STARTED}, carrying the
   * run's id; the last is {@code RUN_SUCCEEDED} or {@code RUN_FAILED}. Parallel crews call it from several
   * threads.
   *
   * @param tenant the tenant
   * @param crew the crew
   * @param task the shared task
   * @param progress this run's listener; its failures are logged and never fail the run
   * @return the result
   */
  public CrewResult run(TenantId tenant, Crew crew, AgentTask task, RunListener progress) {
    Objects.requireNonNull(progress, "progress");
    return run(AgentRunId.generate(), tenant, crew, task, progress);
  }

  /**
   * Starts a crew's run on {@code executor} and returns at once with the run's id, so a caller can answer a
   * request with it and stream {@code progress} (e.g. over SSE) while the run goes on.
   *
   * @param tenant the tenant
   * @param crew the crew
   * @param task the shared task
   * @param executor where the run executes (in a Jakarta EE server, a managed executor)
   * @param progress this run's listener, called from the executor's threads
   * @return the run's id and its future result; the future never completes exceptionally for failures
   *     inside the run, which end it FAILED
   */
  public RunHandle<CrewResult> start(TenantId tenant, Crew crew, AgentTask task, Executor executor,
      RunListener progress) {
    Objects.requireNonNull(executor, "executor");
    Objects.requireNonNull(progress, "progress");
    AgentRunId id = AgentRunId.generate();
    return new RunHandle<>(id, CompletableFuture.supplyAsync(() -> run(id, tenant, crew, task, progress), executor));
  }

  private CrewResult run(AgentRunId id, TenantId tenant, Crew crew, AgentTask task, RunListener progress) {
    RunRecorder rec = recorder(id, tenant, crew.name(), progress);
    Map<AgentRole, Object> outputs = new LinkedHashMap<>();
    RunTrace trace;
    try {
      switch (crew.process()) {
        case SEQUENTIAL -> {
          for (CrewTask t : crew.tasks()) {
            outputs.put(t.agent(), step(rec, tenant, t.agent(), task.withInstruction(t.instruction()),
                new LinkedHashMap<>(outputs)));
          }
        }
        case PARALLEL -> runParallel(rec, tenant, crew, task, outputs);
        case SUPERVISED -> runSupervised(rec, tenant, crew, task, outputs);
      }
      trace = rec.succeed();
    } catch (RuntimeException e) {
      trace = rec.fail(failureOf(e));
    }
    return new CrewResult(crew.name(), rec.mode(), outputs, trace);
  }

  private void runParallel(RunRecorder rec, TenantId tenant, Crew crew, AgentTask task,
      Map<AgentRole, Object> outputs) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(4, crew.tasks().size()));
    try {
      List<Future<Object>> futures = new ArrayList<>();
      for (CrewTask t : crew.tasks()) {
        futures.add(pool.submit(() -> step(rec, tenant, t.agent(), task.withInstruction(t.instruction()), Map.of())));
      }
      RuntimeException first = null;
      for (int i = 0; i < futures.size(); i++) {
        try {
          outputs.put(crew.tasks().get(i).agent(), futures.get(i).get());
        } catch (ExecutionException e) {
          if (first == null) {
            first = e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause()
                : new AgentRunException("agent.step_failed", String.valueOf(e.getCause()), e.getCause());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AgentRunException("agent.interrupted", "interrupted while waiting for parallel steps", e);
        }
      }
      if (first != null) {
        throw first;
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private void runSupervised(RunRecorder rec, TenantId tenant, Crew crew, AgentTask task,
      Map<AgentRole, Object> outputs) {
    List<AgentRole> done = new ArrayList<>();
    while (true) {
      SupervisorDecision decision = supervisor.decide(rec, crew, task, outputs, done);
      if (decision.next().trim().equalsIgnoreCase(CrewSupervisor.DONE)) {
        return;
      }
      AgentRole chosen = AgentRole.byId(decision.next()).orElseThrow();
      String instruction = decision.instruction() == null || decision.instruction().isBlank()
          ? task.instruction() : decision.instruction();
      outputs.put(chosen, step(rec, tenant, chosen, task.withInstruction(instruction), new LinkedHashMap<>(outputs)));
      done.add(chosen);
    }
  }

  private Object step(RunRecorder rec, TenantId tenant, AgentRole role, AgentTask task, Map<AgentRole, Object> prior) {
    StepRecorder step = rec.beginStep(role.id(), task.instruction());
    try {
      StepContext ctx = new StepContext(role, tenant, task, step, data, fetcher, analyser,
          model.map(m -> new ModelLoop(m.model(), maxRepairs)), prior);
      Object output = behaviours.get(role).run(ctx);
      String json = Json.write(output);
      if (model.isEmpty()) {
        step.addTokens(new TokenCount(
            Math.max(1, TokenEstimator.estimate(role.goal() + AgentBehaviour.userPrompt(ctx))),
            Math.max(1, TokenEstimator.estimate(json))));
      }
      step.succeed(json);
      return output;
    } catch (RuntimeException e) {
      step.fail(failureOf(e));
      throw e;
    }
  }

  private RunRecorder recorder(AgentRunId id, TenantId tenant, String name, RunListener progress) {
    return new RunRecorder(id, tenant, name, mode(), model.map(ConfiguredModel::name).orElse("offline"), limits,
        clock, prices, List.of(listener, progress), store);
  }

  static RunFailure failureOf(RuntimeException e) {
    if (e instanceof BizoException) {
      return new RunFailure(((BizoException) e).code(), String.valueOf(e.getMessage()));
    }
    LOG.error("agent run failed unexpectedly", e);
    return new RunFailure("agent.internal_error", e.getClass().getSimpleName() + ": " + e.getMessage());
  }

  /** Builds an {@link AgentRuntime}. */
  public static final class Builder {
    private static final Map<AgentRole, Class<?>> OUTPUT_TYPES = Map.of(
      AgentRole.STRATEGIST, StrategyPlan.class,
      AgentRole.CONTENT_CREATOR, CampaignContent.class,
      AgentRole.SEO_ANALYSER, SeoAudit.class,
      AgentRole.LEAD_SCORER, LeadRanking.class,
      AgentRole.REPORT_GENERATOR, PeriodReport.class);

  private final MarketingDataSource data;
    private Optional<ConfiguredModel> model = Optional.empty();
    private GuardedFetcher fetcher = GuardedFetcher.strict();
    private Clock clock = Clock.systemUTC();
    private RunLimits limits = RunLimits.DEFAULT;
    private PriceTable prices = PriceTable.empty();
    private RunStore store = new InMemoryRunStore();
    private RunListener listener = RunListener.NONE;
    private int maxRepairs = 2;
    private int supervisorRetries = 2;

    private Builder(MarketingDataSource data) {
      this.data = data;
    }

    /**
     * Uses a model, or the offline mode when empty (as {@link ConfiguredModel#fromConfig} returns).
     *
     * @param configured the model
     * @return this builder
     */
    public Builder model(Optional<ConfiguredModel> configured) {
      this.model = Objects.requireNonNull(configured, "configured");
      return this;
    }

    /**
     * Uses a model.
     *
     * @param chatModel the LangChain4j chat model
     * @param name its name in the price table
     * @return this builder
     */
    public Builder model(ChatModel chatModel, String name) {
      return model(Optional.of(new ConfiguredModel(chatModel, name)));
    }

    /**
     * Configures model and prices from settings ({@link LlmSettings}).
     *
     * @param config the configuration
     * @return this builder
     */
    public Builder config(BizoConfig config) {
      config.find(LlmSettings.PRICES).ifPresent(p -> this.prices = PriceTable.parse(p));
      return model(ConfiguredModel.fromConfig(config));
    }

    /**
     * Replaces the page fetcher (e.g. one whose guard allows a local test server).
     *
     * @param pageFetcher the fetcher
     * @return this builder
     */
    public Builder fetcher(GuardedFetcher pageFetcher) {
      this.fetcher = Objects.requireNonNull(pageFetcher);
      return this;
    }

    /**
     * Sets the clock used for timestamps and the run timeout.
     *
     * @param runClock the clock
     * @return this builder
     */
    public Builder clock(Clock runClock) {
      this.clock = Objects.requireNonNull(runClock);
      return this;
    }

    /**
     * Sets the run limits.
     *
     * @param runLimits the limits
     * @return this builder
     */
    public Builder limits(RunLimits runLimits) {
      this.limits = Objects.requireNonNull(runLimits);
      return this;
    }

    /**
     * Sets the price table.
     *
     * @param table the prices
     * @return this builder
     */
    public Builder prices(PriceTable table) {
      this.prices = Objects.requireNonNull(table);
      return this;
    }

    /**
     * Sets the run store.
     *
     * @param runStore the store
     * @return this builder
     */
    public Builder runStore(RunStore runStore) {
      this.store = Objects.requireNonNull(runStore);
      return this;
    }

    /**
     * Sets the progress listener.
     *
     * @param runListener the listener
     * @return this builder
     */
    public Builder listener(RunListener runListener) {
      this.listener = Objects.requireNonNull(runListener);
      return this;
    }

    /**
     * How often an unusable structured reply is sent back with its error (default 2).
     *
     * @param repairs 0 to 5
     * @return this builder
     */
    public Builder maxRepairs(int repairs) {
      if (repairs < 0 || repairs > 5) {
        throw ValidationException.ofField("maxRepairs", "runtime.repairs_range", "maxRepairs must be 0..5");
      }
      this.maxRepairs = repairs;
      return this;
    }

    /**
     * How often a supervisor's invalid choice is re-asked (default 2).
     *
     * @param retries 0 to 5
     * @return this builder
     */
    public Builder supervisorRetries(int retries) {
      if (retries < 0 || retries > 5) {
        throw ValidationException.ofField("supervisorRetries", "runtime.retries_range",
            "supervisorRetries must be 0..5");
      }
      this.supervisorRetries = retries;
      return this;
    }

    /**
     * Builds the runtime.
     *
     * @return the runtime
     */
    public AgentRuntime build() {
      return new AgentRuntime(this);
    }
  }
}
