package dev.bizo.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.agents.crew.Crew;
import dev.bizo.agents.crew.CrewResult;
import dev.bizo.agents.spi.DayRange;
import dev.bizo.agents.testing.FixtureMarketingData;
import dev.bizo.agents.trace.InMemoryRunStore;
import dev.bizo.agents.trace.RunEvent;
import dev.bizo.agents.trace.RunStatus;
import dev.bizo.agents.trace.RunTrace;
import dev.bizo.agents.trace.StepTrace;
import dev.bizo.core.Money;
import dev.bizo.core.TenantId;
import dev.bizo.core.config.BizoConfig;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class OfflineModeTest {

  private final TenantId tenant = TenantId.generate();
  private final List<RunEvent> events = new CopyOnWriteArrayList<>();
  private final AgentRuntime runtime = AgentRuntime.builder(FixtureMarketingData.standard(tenant))
      .config(BizoConfig.of(Map.of()))
      .listener(events::add)
      .build();
  private final AgentTask task = AgentTask.builder("Spring campaign for Acme invoicing", DayRange.month(2026, 1))
      .keywords("invoicing").build();

  private static void assertOfflineSuccess(AgentResult<?> result) {
    assertThat(result.mode()).isEqualTo(AgentMode.OFFLINE);
    assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(result.output()).isPresent();
    assertThat(result.trace().mode()).isEqualTo(AgentMode.OFFLINE);
    assertThat(result.trace().model()).isEqualTo("offline");
    assertThat(result.trace().tokens().input()).isPositive();
    assertThat(result.trace().tokens().output()).isPositive();
    assertThat(result.trace().estimatedCost()).isEqualByComparingTo(BigDecimal.ZERO);
    assertThat(dev.bizo.agents.internal.Json.write(result)).contains("\"mode\":\"offline\"");
  }

  @Test
  void nothing_configured_means_offline_mode() {
    assertThat(runtime.mode()).isEqualTo(AgentMode.OFFLINE);
    assertThat(AgentMode.OFFLINE.label()).isEqualTo("offline");
  }

  @Test
  void strategist_splits_the_budget_by_revenue_share_with_reasons() {
    AgentResult<StrategyPlan> result = runtime.strategist(tenant, task);

    assertOfflineSuccess(result);
    StrategyPlan plan = result.orElseThrow();
    // January: email 1200 EUR, paid-search 400 EUR, referral 0 -> 75 / 25 / 0
    assertThat(plan.budget()).extracting(StrategyPlan.BudgetShare::channel, StrategyPlan.BudgetShare::percent)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("email", 75),
            org.assertj.core.groups.Tuple.tuple("paid-search", 25),
            org.assertj.core.groups.Tuple.tuple("referral", 0));
    assertThat(plan.channels().get(0).reason()).contains("2 leads", "1 conversions", "1200.00 EUR");
    assertThat(plan.segments().get(0).name()).isEqualTo("mid-market");
    assertThat(plan.summary()).startsWith("[offline template]");
    assertThat(result.trace().toolCalls()).extracting("tool").containsExactly("lead_analytics", "payment_analytics");
  }

  @Test
  void content_creator_grounds_copy_in_brand_notes() {
    CampaignContent content = runtime.contentCreator(tenant, task).orElseThrow();

    assertThat(content.brandNoteIds()).contains("N-1", "N-3").doesNotContain("N-4");
    assertThat(content.landingPage().sections()).extracting(CampaignContent.Section::body)
        .contains("Acme invoicing is free for the first 30 days and needs no credit card.");
    assertThat(content.landingPage().title().length()).isBetween(30, 60);
  }

  @Test
  void seo_analyser_audits_raw_html() {
    AgentResult<SeoAudit> result = runtime.seoAnalyser(tenant,
        AgentTask.builder("Audit", task.period()).keywords("invoicing")
            .pageHtml("<html><head><title>x</title></head><body><h2>no h1</h2><img src=a.png></body></html>")
            .build());

    assertOfflineSuccess(result);
    SeoAudit audit = result.orElseThrow();
    assertThat(audit.analysis().has("heading.h1_missing")).isTrue();
    assertThat(audit.analysis().has("image.alt_missing")).isTrue();
    assertThat(audit.fixes()).hasSize(audit.analysis().findings().size());
    assertThat(audit.fixes().get(0).priority()).isEqualTo(1);
  }

  @Test
  void lead_scorer_ranks_open_leads_by_crm_score_and_suggests_actions() {
    AgentResult<LeadRanking> result = runtime.leadScorer(tenant, task);

    assertOfflineSuccess(result);
    List<LeadRanking.RankedLead> leads = result.orElseThrow().leads();
    assertThat(leads).extracting(LeadRanking.RankedLead::leadId).containsExactly("L-4", "L-3", "L-5");
    assertThat(leads.get(0).nextAction()).startsWith("Send a tailored follow-up").contains("referred by a customer");
    assertThat(leads.get(2).nextAction()).startsWith("Add to the nurture sequence");
  }

  @Test
  void report_numbers_are_computed_from_the_data() {
    AgentResult<PeriodReport> result = runtime.reportGenerator(tenant, task);

    assertOfflineSuccess(result);
    PeriodReport.Metrics m = result.orElseThrow().metrics();
    assertThat(m.newLeads()).isEqualTo(4);
    assertThat(m.convertedLeads()).isEqualTo(2);
    assertThat(m.conversionRatePercent()).isEqualByComparingTo("50.0");
    assertThat(m.grossRevenue()).isEqualTo(Money.of("1600.00", "EUR"));
    assertThat(m.refundedAmount()).isEqualTo(Money.of("50.00", "EUR"));
    assertThat(m.netRevenue()).isEqualTo(Money.of("1550.00", "EUR"));
    assertThat(m.failedPayments()).isEqualTo(1);
    assertThat(m.topChannel()).contains("email");
    assertThat(result.orElseThrow().narrative()).contains("1550.00 EUR", "50.0%");
  }

  @Test
  void campaign_crew_runs_all_four_steps_offline_and_audits_the_generated_landing_page() {
    CrewResult result = runtime.run(tenant, Crew.campaign(), task);

    assertThat(result.mode()).isEqualTo(AgentMode.OFFLINE);
    assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
    RunTrace trace = result.trace();
    assertThat(trace.steps()).extracting(StepTrace::agent)
        .containsExactly("strategist", "content-creator", "seo-analyser", "report-generator");
    assertThat(trace.steps()).allSatisfy(s -> {
      assertThat(s.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(s.tokens().total()).isPositive();
      assertThat(s.output()).isPresent();
    });
    assertThat(trace.tokens().total()).isEqualTo(trace.steps().stream().mapToLong(s -> s.tokens().total()).sum());
    CampaignContent content = result.output(AgentRole.CONTENT_CREATOR, CampaignContent.class).orElseThrow();
    SeoAudit audit = result.output(AgentRole.SEO_ANALYSER, SeoAudit.class).orElseThrow();
    assertThat(audit.analysis().title()).isEqualTo(content.landingPage().title());
    assertThat(audit.analysis().has("heading.h1_missing")).isFalse();
    assertThat(content.email().subject()).containsIgnoringCase("mid-market");
    assertThat(runtime.runStore().find(tenant, trace.id())).contains(trace);
    assertThat(trace.finishedAt()).isPresent();
    assertThat(events).extracting(RunEvent::type).startsWith(RunEvent.Type.RUN_STARTED)
        .endsWith(RunEvent.Type.RUN_SUCCEEDED).contains(RunEvent.Type.TOOL_CALLED);
  }

  @Test
  void offline_supervisor_uses_each_member_once_then_finishes() {
    CrewResult result = runtime.run(tenant, Crew.supervised("triage", "Rank leads and report",
        List.of(AgentRole.LEAD_SCORER, AgentRole.REPORT_GENERATOR)), task);

    assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(result.trace().steps()).extracting(StepTrace::agent)
        .containsExactly("supervisor", "lead-scorer", "supervisor", "report-generator", "supervisor");
    assertThat(result.output(AgentRole.LEAD_SCORER, LeadRanking.class)).isPresent();
  }

  @Test
  void parallel_crew_runs_independent_tasks() {
    CrewResult result = runtime.run(tenant, Crew.parallel("morning",
        new dev.bizo.agents.crew.CrewTask(AgentRole.LEAD_SCORER, "Rank leads"),
        new dev.bizo.agents.crew.CrewTask(AgentRole.REPORT_GENERATOR, "Report")), task);

    assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(result.outputs()).containsKeys(AgentRole.LEAD_SCORER, AgentRole.REPORT_GENERATOR);
    assertThat(result.trace().steps()).hasSize(2);
    assertThat(result.trace().steps()).extracting(StepTrace::index).containsExactlyInAnyOrder(1, 2);
  }

  @Test
  void provider_offline_wins_over_a_configured_model() {
    AgentRuntime forced = AgentRuntime.builder(FixtureMarketingData.standard(tenant))
        .config(BizoConfig.of(Map.of("bizo.llm.provider", "offline", "bizo.llm.model", "gpt-4o-mini"))).build();

    assertThat(forced.mode()).isEqualTo(AgentMode.OFFLINE);
  }

  @Test
  void asking_for_the_wrong_output_type_is_refused_before_running() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> runtime.run(tenant, AgentRole.STRATEGIST, task, SeoAudit.class))
        .isInstanceOf(dev.bizo.core.ValidationException.class)
        .hasMessageContaining("StrategyPlan");
    assertThat(events).isEmpty();
  }

  @Test
  void a_per_run_listener_sees_only_its_own_run_from_start_to_end_even_when_the_global_one_fails() {
    AgentRuntime failingGlobal = AgentRuntime.builder(FixtureMarketingData.standard(tenant))
        .config(BizoConfig.of(Map.of()))
        .listener(e -> {
          throw new IllegalStateException("dashboard disconnected");
        })
        .build();
    List<RunEvent> mine = new CopyOnWriteArrayList<>();

    failingGlobal.run(tenant, Crew.campaign(), task);
    CrewResult result = failingGlobal.run(tenant, Crew.campaign(), task, mine::add);

    assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(mine).extracting(RunEvent::runId).containsOnly(result.trace().id());
    assertThat(mine.get(0).type()).isEqualTo(RunEvent.Type.RUN_STARTED);
    assertThat(mine.get(mine.size() - 1).type()).isEqualTo(RunEvent.Type.RUN_SUCCEEDED);
    assertThat(mine).filteredOn(e -> e.type() == RunEvent.Type.STEP_SUCCEEDED)
        .hasSize(result.trace().steps().size());
  }

  @Test
  void a_background_run_is_known_by_its_id_before_it_starts_and_streams_under_that_id() throws Exception {
    InMemoryRunStore store = new InMemoryRunStore();
    AgentRuntime runtime = AgentRuntime.builder(FixtureMarketingData.standard(tenant))
        .config(BizoConfig.of(Map.of()))
        .runStore(store)
        .build();
    List<Runnable> queued = new ArrayList<>();
    List<RunEvent> streamed = new CopyOnWriteArrayList<>();

    RunHandle<CrewResult> handle = runtime.start(tenant, Crew.campaign(), task, queued::add, streamed::add);

    assertThat(handle.result()).isNotDone();
    assertThat(store.find(tenant, handle.runId())).isEmpty();
    assertThat(streamed).isEmpty();
    queued.forEach(Runnable::run);
    CrewResult result = handle.result().get();
    assertThat(result.trace().id()).isEqualTo(handle.runId());
    assertThat(store.find(tenant, handle.runId())).hasValueSatisfying(
        t -> assertThat(t.status()).isEqualTo(RunStatus.SUCCEEDED));
    assertThat(streamed).extracting(RunEvent::runId).containsOnly(handle.runId());
    assertThat(streamed.get(0).type()).isEqualTo(RunEvent.Type.RUN_STARTED);
  }
}
