package dev.bizo.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.agents.crew.Crew;
import dev.bizo.agents.crew.CrewResult;
import dev.bizo.agents.crew.CrewTask;
import dev.bizo.agents.spi.DayRange;
import dev.bizo.agents.testing.FixtureMarketingData;
import dev.bizo.agents.testing.ScriptedChatModel;
import dev.bizo.agents.trace.InMemoryRunStore;
import dev.bizo.agents.trace.PriceTable;
import dev.bizo.agents.trace.RunEvent;
import dev.bizo.agents.trace.RunLimits;
import dev.bizo.agents.trace.RunStatus;
import dev.bizo.agents.trace.RunTrace;
import dev.bizo.agents.trace.StepTrace;
import dev.bizo.agents.trace.TokenCount;
import dev.bizo.testkit.MutableClock;
import dev.bizo.core.TenantId;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ScriptedModelAgentTest {

  private final TenantId tenant = TenantId.generate();
  private final ScriptedChatModel model = new ScriptedChatModel();
  private final List<RunEvent> events = new CopyOnWriteArrayList<>();
  private final InMemoryRunStore store = new InMemoryRunStore();
  private final MutableClock clock = MutableClock.startingAtNewYear();
  private final AgentTask task = AgentTask.builder("Plan the spring campaign", DayRange.month(2026, 1))
      .keywords("invoicing").leadLimit(3).build();

  private AgentRuntime runtime(RunLimits limits) {
    return AgentRuntime.builder(FixtureMarketingData.standard(tenant))
        .model(model, "test-model")
        .prices(PriceTable.parse("test-model=1.00/2.00"))
        .limits(limits)
        .clock(clock)
        .runStore(store)
        .listener(events::add)
        .build();
  }

  private AgentRuntime runtime() {
    return runtime(RunLimits.DEFAULT);
  }

  private static String lastUserText(ChatRequest request) {
    ChatMessage last = request.messages().get(request.messages().size() - 1);
    assertThat(last).isInstanceOf(UserMessage.class);
    return ((UserMessage) last).singleText();
  }

  private static final String VALID_PLAN = "{\"segments\":[{\"name\":\"smb-retail\",\"reason\":\"most leads\"}],"
      + "\"channels\":[{\"name\":\"email\",\"reason\":\"1200 EUR\"},{\"name\":\"paid-search\",\"reason\":\"400 EUR\"}],"
      + "\"budget\":[{\"channel\":\"email\",\"percent\":70,\"reason\":\"best revenue\"},"
      + "{\"channel\":\"paid-search\",\"percent\":30,\"reason\":\"second\"}],\"summary\":\"Email first.\"}";

  @Test
  void seo_agent_calls_the_analyser_tool_and_the_result_is_fed_back() {
    String page = "<html><head><title>Acme</title></head><body><h2>Start</h2><img src=\"x.png\"></body></html>";
    model.replyToolCall("analyse_seo", "{\"html\":" + dev.bizo.agents.internal.Json.write(page)
            + ",\"keywords\":[\"invoicing\"]}", 120, 30)
        .replyText("```json\n{\"fixes\":[{\"priority\":1,\"findingCode\":\"heading.h1_missing\",\"action\":\"Add an h1\"},"
            + "{\"priority\":2,\"findingCode\":\"image.alt_missing\",\"action\":\"Describe x.png\"}],"
            + "\"summary\":\"Two fixes.\"}\n```", 400, 60);

    AgentResult<SeoAudit> result = runtime().seoAnalyser(tenant, AgentTask.builder("Audit our page",
        task.period()).build());

    assertThat(result.trace().failure()).isEmpty();
    assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(result.mode()).isEqualTo(AgentMode.MODEL);
    assertThat(model.requests()).hasSize(2);
    assertThat(model.requests().get(0).toolSpecifications()).extracting(ToolSpecification::name)
        .containsExactly("analyse_seo");
    ChatMessage fedBack = model.requests().get(1).messages().get(3);
    assertThat(fedBack).isInstanceOf(ToolExecutionResultMessage.class);
    assertThat(((ToolExecutionResultMessage) fedBack).text()).contains("heading.h1_missing", "x.png");
    assertThat(((ToolExecutionResultMessage) fedBack).id()).isEqualTo("call_1");
    SeoAudit audit = result.orElseThrow();
    assertThat(audit.analysis().title()).isEqualTo("Acme");
    assertThat(audit.fixes()).extracting("findingCode").containsExactly("heading.h1_missing", "image.alt_missing");
    assertThat(result.trace().toolCalls()).singleElement().satisfies(call -> {
      assertThat(call.tool()).isEqualTo("analyse_seo");
      assertThat(call.arguments()).contains("x.png");
      assertThat(call.succeeded()).isTrue();
      assertThat(call.result()).contains("image.alt_missing");
    });
    assertThat(result.trace().tokens()).isEqualTo(new TokenCount(520, 90));
  }

  @Test
  void invalid_structured_output_is_repaired_by_re_asking_with_the_error() {
    model.replyText("Sure! Here is the plan: segments are retail.", 50, 10)
        .replyText(VALID_PLAN.replace("\"percent\":30", "\"percent\":20"), 60, 40)
        .replyText(VALID_PLAN, 70, 40);

    AgentResult<StrategyPlan> result = runtime().strategist(tenant, task);

    assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(model.requests()).hasSize(3);
    assertThat(lastUserText(model.requests().get(1))).contains("could not be used", "no JSON object");
    assertThat(lastUserText(model.requests().get(2))).contains("must sum to 100 but sum to 90");
    assertThat(result.orElseThrow().budget()).extracting(StrategyPlan.BudgetShare::percent).containsExactly(70, 30);
    assertThat(events).filteredOn(e -> e.type() == RunEvent.Type.OUTPUT_REPAIR_REQUESTED).hasSize(2);
    assertThat(result.trace().steps().get(0).modelCalls()).isEqualTo(3);
  }

  @Test
  void output_that_stays_invalid_fails_the_run_cleanly_after_bounded_repairs() {
    AgentRuntime runtime = AgentRuntime.builder(FixtureMarketingData.standard(tenant)).model(model, "test-model")
        .maxRepairs(1).build();
    model.replyText("{\"segments\":[]}", 10, 5).replyText("{\"segments\":[]}", 10, 5);

    AgentResult<StrategyPlan> result = runtime.strategist(tenant, task);

    assertThat(result.status()).isEqualTo(RunStatus.FAILED);
    assertThat(result.output()).isEmpty();
    assertThat(result.trace().failure().orElseThrow().code()).isEqualTo(AgentRunException.OUTPUT_INVALID);
    assertThat(result.trace().steps()).singleElement().satisfies(s -> assertThat(s.status()).isEqualTo(RunStatus.FAILED));
    assertThat(model.remaining()).isZero();
    assertThatThrownBy(result::orElseThrow).isInstanceOf(AgentRunException.class)
        .hasMessageContaining("at least one segment");
  }

  @Test
  void supervisor_choosing_an_agent_outside_the_crew_is_re_asked_and_recovers() {
    model.replyText("{\"next\":\"copywriter\",\"instruction\":\"write\"}", 30, 8)
        .replyText("{\"next\":\"seo-analyser\",\"instruction\":\"audit\"}", 35, 8)
        .replyText("{\"next\":\"lead-scorer\",\"instruction\":\"Rank the hottest leads\"}", 40, 9)
        .replyToolCall("top_scored_leads", "{\"limit\":3}", 50, 10)
        .replyText("{\"leads\":[{\"leadId\":\"L-4\",\"nextAction\":\"Call Dune about the referral\"}],"
            + "\"summary\":\"Dune first.\"}", 90, 20)
        .replyText("{\"next\":\"DONE\",\"instruction\":\"\"}", 60, 5);

    CrewResult result = runtime().run(tenant, Crew.supervised("triage", "Find who to call",
        List.of(AgentRole.LEAD_SCORER, AgentRole.REPORT_GENERATOR)), task);

    assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(lastUserText(model.requests().get(1))).contains("'copywriter' is not a member")
        .contains("lead-scorer", "report-generator", "DONE");
    assertThat(lastUserText(model.requests().get(2))).contains("'seo-analyser' is not a member");
    assertThat(result.trace().steps()).extracting(StepTrace::agent)
        .containsExactly("supervisor", "lead-scorer", "supervisor");
    LeadRanking ranking = result.output(AgentRole.LEAD_SCORER, LeadRanking.class).orElseThrow();
    assertThat(ranking.leads().get(0).nextAction()).isEqualTo("Call Dune about the referral");
    assertThat(ranking.leads().get(1).nextAction()).startsWith("Add to the nurture sequence");
    assertThat(result.trace().steps().get(1).input()).isEqualTo("Rank the hottest leads");
  }

  @Test
  void supervisor_that_never_chooses_validly_ends_the_run_failed_without_throwing() {
    model.replyText("{\"next\":\"ghost\"}", 10, 2).replyText("{\"next\":\"ghost\"}", 10, 2)
        .replyText("not json", 10, 2);

    CrewResult result = runtime().run(tenant, Crew.supervised("triage", "Find who to call",
        List.of(AgentRole.LEAD_SCORER)), task);

    assertThat(result.status()).isEqualTo(RunStatus.FAILED);
    assertThat(result.trace().failure().orElseThrow().code()).isEqualTo(AgentRunException.SUPERVISOR_INVALID_CHOICE);
    assertThat(result.trace().steps()).singleElement().satisfies(s -> {
      assertThat(s.agent()).isEqualTo("supervisor");
      assertThat(s.status()).isEqualTo(RunStatus.FAILED);
      assertThat(s.modelCalls()).isEqualTo(3);
    });
    assertThat(store.find(tenant, result.trace().id()).orElseThrow().status()).isEqualTo(RunStatus.FAILED);
  }

  @Test
  void token_counts_are_non_zero_and_add_up_across_steps_and_into_the_cost() {
    model.replyToolCall("top_scored_leads", "{}", 100, 10)
        .replyText("{\"leads\":[],\"summary\":\"All rule based.\"}", 200, 30)
        .replyTextWithoutUsage("{\"narrative\":\"Revenue reached 1600.00 EUR, net 1550.00 EUR.\"}");

    CrewResult result = runtime().run(tenant, Crew.sequential("weekly",
        new CrewTask(AgentRole.LEAD_SCORER, "Rank"), new CrewTask(AgentRole.REPORT_GENERATOR, "Report")), task);

    assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
    RunTrace trace = result.trace();
    assertThat(trace.steps().get(0).tokens()).isEqualTo(new TokenCount(300, 40));
    TokenCount estimated = trace.steps().get(1).tokens();
    assertThat(estimated.input()).isPositive();
    assertThat(estimated.output()).isPositive();
    assertThat(trace.tokens()).isEqualTo(trace.steps().get(0).tokens().plus(estimated));
    BigDecimal expected = BigDecimal.valueOf(trace.tokens().input() + 2 * trace.tokens().output())
        .divide(BigDecimal.valueOf(1000));
    assertThat(trace.estimatedCost()).isEqualByComparingTo(expected);
    assertThat(result.output(AgentRole.REPORT_GENERATOR, PeriodReport.class).orElseThrow().metrics().newLeads())
        .isEqualTo(4);
  }

  @Test
  void a_narrative_that_invents_a_number_is_sent_back() {
    model.replyText("{\"narrative\":\"We made 9999 EUR.\"}", 10, 5)
        .replyText("{\"narrative\":\"We made 1600.00 EUR gross and converted 50.0% of leads.\"}", 12, 6);

    AgentResult<PeriodReport> result = runtime().reportGenerator(tenant, task);

    assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(lastUserText(model.requests().get(1))).contains("mentions 9999");
    assertThat(result.orElseThrow().narrative()).contains("1600.00");
  }

  @Test
  void content_must_cite_brand_notes_the_search_returned() {
    String content = "{\"email\":{\"subject\":\"Invoicing\",\"body\":\"Hi\"},\"ad\":{\"headline\":\"Acme\","
        + "\"body\":\"Try it\"},\"landingPage\":{\"title\":\"Acme invoicing\",\"metaDescription\":\"Invoices\","
        + "\"headline\":\"Invoicing\",\"sections\":[{\"heading\":\"Free\",\"body\":\"30 days free\"}]},"
        + "\"brandNoteIds\":[IDS],\"summary\":\"Done\"}";
    model.replyToolCall("search_brand_notes", "{\"query\":\"invoicing free trial\"}", 20, 5)
        .replyText(content.replace("IDS", "\"N-77\""), 40, 30)
        .replyText(content.replace("IDS", "\"N-3\""), 45, 30);

    AgentResult<CampaignContent> result = runtime().contentCreator(tenant, task);

    assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(lastUserText(model.requests().get(2))).contains("brandNoteIds must list notes", "N-3");
    assertThat(result.orElseThrow().brandNoteIds()).containsExactly("N-3");
  }

  @Test
  void step_limit_ends_the_run_failed_keeping_finished_steps() {
    model.replyText("{\"narrative\":\"One.\"}", 10, 2).replyText(VALID_PLAN, 10, 2);

    CrewResult result = runtime(RunLimits.DEFAULT.withMaxSteps(2)).run(tenant, Crew.sequential("thrice",
        new CrewTask(AgentRole.REPORT_GENERATOR, "a"), new CrewTask(AgentRole.STRATEGIST, "b"),
        new CrewTask(AgentRole.LEAD_SCORER, "c")), task);

    assertThat(result.status()).isEqualTo(RunStatus.FAILED);
    assertThat(result.trace().failure().orElseThrow().code()).isEqualTo(AgentRunException.STEP_LIMIT);
    assertThat(result.outputs()).containsOnlyKeys(AgentRole.REPORT_GENERATOR, AgentRole.STRATEGIST);
    assertThat(result.trace().steps()).extracting(StepTrace::status)
        .containsExactly(RunStatus.SUCCEEDED, RunStatus.SUCCEEDED);
    assertThat(model.remaining()).isZero();
  }

  @Test
  void token_limit_ends_the_run_failed_keeping_the_partial_trace() {
    model.replyText("{\"narrative\":\"Fine.\"}", 40, 10)
        .replyToolCall("top_scored_leads", "{}", 80, 30);

    CrewResult result = runtime(RunLimits.DEFAULT.withMaxTokens(100)).run(tenant, Crew.sequential("budget",
        new CrewTask(AgentRole.REPORT_GENERATOR, "a"), new CrewTask(AgentRole.LEAD_SCORER, "b")), task);

    assertThat(result.status()).isEqualTo(RunStatus.FAILED);
    assertThat(result.trace().failure().orElseThrow().code()).isEqualTo(AgentRunException.TOKEN_LIMIT);
    assertThat(result.trace().tokens()).isEqualTo(new TokenCount(120, 40));
    assertThat(result.trace().steps()).hasSize(2);
    assertThat(result.trace().steps().get(0).output()).isPresent();
    assertThat(result.trace().steps().get(1).toolCalls()).isEmpty();
    assertThat(store.find(tenant, result.trace().id()).orElseThrow().steps()).hasSize(2);
  }

  @Test
  void timeout_ends_the_run_failed_measured_on_the_injected_clock() {
    model.onCall(r -> clock.advance(Duration.ofMinutes(4)))
        .replyText("{\"narrative\":\"First.\"}", 10, 2)
        .replyText("{\"narrative\":\"Second.\"}", 10, 2);

    CrewResult result = runtime(RunLimits.DEFAULT.withTimeout(Duration.ofMinutes(5))).run(tenant,
        Crew.sequential("slow", new CrewTask(AgentRole.REPORT_GENERATOR, "a"),
            new CrewTask(AgentRole.REPORT_GENERATOR, "b")), task);

    assertThat(result.status()).isEqualTo(RunStatus.FAILED);
    assertThat(result.trace().failure().orElseThrow().code()).isEqualTo(AgentRunException.TIMEOUT);
    assertThat(result.trace().duration()).contains(Duration.ofMinutes(8));
    assertThat(result.trace().steps()).extracting(StepTrace::status)
        .containsExactly(RunStatus.SUCCEEDED, RunStatus.FAILED);
  }

  @Test
  void a_failing_model_endpoint_fails_the_step_not_the_caller() {
    AgentResult<StrategyPlan> result = runtime().strategist(tenant, task);

    assertThat(result.status()).isEqualTo(RunStatus.FAILED);
    assertThat(result.trace().failure().orElseThrow().code()).isEqualTo(AgentRunException.MODEL_FAILED);
  }

  @Test
  void a_model_asking_to_fetch_the_metadata_address_gets_the_refusal_fed_back() {
    model.replyToolCall("analyse_seo", "{\"url\":\"http://169.254.169.254/latest/meta-data/\"}", 20, 5)
        .replyToolCall("analyse_seo", "{\"html\":\"<title>t</title><h1>x</h1>\"}", 30, 5)
        .replyText("{\"fixes\":[{\"priority\":1,\"findingCode\":\"title.too_short\",\"action\":\"Longer\"}],"
            + "\"summary\":\"ok\"}", 40, 10);

    AgentResult<SeoAudit> result = runtime().seoAnalyser(tenant, AgentTask.builder("Audit", task.period()).build());

    assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(result.trace().toolCalls()).extracting("succeeded").containsExactly(false, true);
    assertThat(result.trace().toolCalls().get(0).result()).startsWith("error: net.destination_refused");
    ToolExecutionResultMessage refusal = (ToolExecutionResultMessage) model.requests().get(1).messages().get(3);
    assertThat(refusal.text()).contains("link-local");
  }

  @Test
  void a_failing_listener_never_fails_the_run() {
    AgentRuntime runtime = AgentRuntime.builder(FixtureMarketingData.standard(tenant))
        .listener(e -> {
          throw new IllegalStateException("browser went away");
        }).build();

    assertThat(runtime.leadScorer(tenant, task).status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void a_failed_parallel_task_fails_the_run_but_keeps_the_other_output() {
    AgentRuntime offline = AgentRuntime.builder(FixtureMarketingData.standard(tenant)).build();

    CrewResult result = offline.run(tenant, Crew.parallel("both",
        new CrewTask(AgentRole.LEAD_SCORER, "rank"), new CrewTask(AgentRole.SEO_ANALYSER, "audit nothing")),
        task);

    assertThat(result.status()).isEqualTo(RunStatus.FAILED);
    assertThat(result.trace().failure().orElseThrow().code()).isEqualTo(AgentRunException.INPUT_MISSING);
    assertThat(result.outputs()).containsOnlyKeys(AgentRole.LEAD_SCORER);
    assertThat(result.trace().steps()).extracting(StepTrace::status)
        .containsExactlyInAnyOrder(RunStatus.SUCCEEDED, RunStatus.FAILED);
  }
}
