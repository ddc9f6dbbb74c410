package dev.bizo.agents.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.agents.AgentResult;
import dev.bizo.agents.AgentRuntime;
import dev.bizo.agents.AgentTask;
import dev.bizo.agents.AgentsPersistence;
import dev.bizo.agents.CampaignContent;
import dev.bizo.agents.spi.BrandNote;
import dev.bizo.agents.spi.ChannelStats;
import dev.bizo.agents.spi.LeadFigures;
import dev.bizo.agents.spi.MarketingDataSource;
import dev.bizo.agents.spi.PaymentAnalytics;
import dev.bizo.agents.spi.DayRange;
import dev.bizo.agents.spi.ScoredLead;
import dev.bizo.agents.testing.MarketingDataSourceContract;
import dev.bizo.agents.trace.RunStatus;
import dev.bizo.core.Money;
import dev.bizo.core.Providers;
import dev.bizo.core.TenantId;
import dev.bizo.core.config.BizoConfig;
import dev.bizo.crm.CrmPersistence;
import dev.bizo.crm.Lead;
import dev.bizo.crm.LeadId;
import dev.bizo.crm.LeadService;
import dev.bizo.crm.LeadSource;
import dev.bizo.crm.LeadStatus;
import dev.bizo.crm.search.BundledModel;
import dev.bizo.payments.GatewayRouter;
import dev.bizo.payments.NewPayment;
import dev.bizo.payments.PaymentId;
import dev.bizo.payments.PaymentService;
import dev.bizo.payments.RoutingPolicy;
import dev.bizo.payments.simulator.SimulatorCards;
import dev.bizo.payments.simulator.SimulatorGateway;
import dev.bizo.payments.spi.GatewayCredentials;
import dev.bizo.payments.spi.IdempotencyKey;
import dev.bizo.payments.spi.PaymentGateway;
import dev.bizo.payments.spi.PaymentMethod;
import dev.bizo.tenancy.PersistenceModule;
import dev.bizo.tenancy.TenancyDatabase;
import dev.bizo.tenancy.testkit.TestTenancy;
import dev.bizo.testkit.MutableClock;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestDatabase;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The adapter over the real CRM, payments (with the simulator gateway) and brand notes passes the
 * MarketingDataSource contract and computes the figures the agents report.
 */
@RealServices
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrmPaymentsMarketingDataIT extends MarketingDataSourceContract {

  private PaymentService payments;
  private LeadService leads;

  private static final DayRange JANUARY = DayRange.month(2026, 1);

  private final MutableClock clock = MutableClock.startingAtNewYear();
  private TenancyDatabase database;
  private CrmPaymentsMarketingData source;
  private CrmPaymentsMarketingData withoutNotes;
  private BrandNotes notes;
  private TenantId tenant;
  private final List<String> noteIds = new ArrayList<>();

  @BeforeAll
  void seed(TestDatabase db) {
    List<PersistenceModule> modules = new ArrayList<>(CrmPersistence.modules());
    modules.add(PaymentService.persistenceModules().get(1));
    modules.add(AgentsPersistence.MODULE);
    database = TestTenancy.start(db, modules);
    LeadService leads = LeadService.builder(database.transactions()).clock(clock).build();
    PaymentGateway simulator = SimulatorGateway.builder().clock(clock).build();
    payments = PaymentService.builder()
        .transactions(database.transactions())
        .router(new GatewayRouter(Providers.builder(PaymentGateway.class, PaymentGateway::id).discover(false)
            .register(simulator).build()))
        .credentials((t, gateway) -> GatewayCredentials.none())
        .routingPolicy(t -> RoutingPolicy.builder().defaultGateway(SimulatorGateway.ID).build())
        .clock(clock)
        .build();
    EmbeddingModel model = BundledModel.load();
    notes = new BrandNotes(database.transactions(), model, clock);
    source = CrmPaymentsMarketingData.builder(leads, payments, notes).currency("EUR").build();
    withoutNotes = CrmPaymentsMarketingData.builder(leads, payments).currency("EUR").build();
    this.leads = leads;
    tenant = TestTenancy.newTenant(database);

    clock.advance(Duration.ofDays(3));
    LeadId won = lead(leads, "Ada Byron", "CEO", "Fintech", LeadSource.REFERRAL);
    for (LeadStatus step : List.of(LeadStatus.CONTACTED, LeadStatus.QUALIFIED, LeadStatus.PROPOSAL, LeadStatus.WON)) {
      leads.changeStatus(tenant, won, step, "sales-1");
    }
    LeadId qualified = lead(leads, "Grace Hopper", "CTO", "Fintech", LeadSource.PAID_ADS);
    leads.changeStatus(tenant, qualified, LeadStatus.CONTACTED, "sales-1");
    leads.changeStatus(tenant, qualified, LeadStatus.QUALIFIED, "sales-1");
    lead(leads, "Alan Turing", "Intern", "Logistics", LeadSource.PAID_ADS);
    lead(leads, "Edsger Dijkstra", "Head of Finance", null, LeadSource.WEBSITE);

    pay(payments, "49.90", SimulatorCards.SUCCESS);
    pay(payments, "10.00", SimulatorCards.SUCCESS);
    pay(payments, "5.00", SimulatorCards.DECLINE_CARD_DECLINED);
    PaymentId refundedPayment = pay(payments, "20.00", SimulatorCards.SUCCESS);
    payments.refund(tenant, refundedPayment, Optional.of(Money.of("7.50", "EUR")), IdempotencyKey.random());

    clock.advance(Duration.ofDays(40));                          // February: outside the period
    lead(leads, "Barbara Liskov", "CEO", "Fintech", LeadSource.EMAIL);
    pay(payments, "99.00", SimulatorCards.SUCCESS);

    noteIds.add(notes.add(tenant, "Pricing: we never say cheap. We say invoices paid in one click, "
        + "and we always quote the monthly price per seat.").id().toString());
    noteIds.add(notes.add(tenant, "Tone of voice: friendly, direct, no jargon, second person.").id().toString());
    noteIds.add(notes.add(tenant, "Product fact: Acme Invoicing connects to 40 banks across Europe.").id().toString());
  }

  @AfterAll
  void stop() {
    long leaks = database.tenantLeaksOnRelease();
    database.close();
    assertThat(leaks).isZero();
  }

  private LeadId lead(LeadService leads, String name, String title, String industry, LeadSource source) {
    Lead.Builder lead = Lead.builder(tenant, clock).name(name).jobTitle(title).source(source)
        .email(name.toLowerCase().replace(' ', '.') + "@example.com");
    if (industry != null) {
      lead.industry(industry);
    }
    return leads.create(tenant, lead.build()).id();
  }

  private PaymentId pay(PaymentService payments, String amount, String card) {
    return payments.create(tenant, NewPayment.builder(Money.of(amount, "EUR"), PaymentMethod.token(card)).build(),
        IdempotencyKey.random()).paymentId();
  }

  @Override
  protected MarketingDataSource source() {
    return source;
  }

  @Override
  protected TenantId tenant() {
    return tenant;
  }

  @Override
  protected DayRange activePeriod() {
    return JANUARY;
  }

  @Override
  protected String brandQuery() {
    return "how do we talk about price?";
  }

  @Test
  void lead_figures_count_the_periods_leads_by_how_far_they_got() {
    LeadFigures figures = source.leadAnalytics(tenant, JANUARY);

    assertThat(figures.newLeads()).isEqualTo(4);
    assertThat(figures.qualifiedLeads()).isEqualTo(2);
    assertThat(figures.convertedLeads()).isEqualTo(1);
    assertThat(figures.channels()).extracting(ChannelStats::channel, ChannelStats::leads, ChannelStats::conversions)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("paid-ads", 2, 0),
            org.assertj.core.groups.Tuple.tuple("referral", 1, 1),
            org.assertj.core.groups.Tuple.tuple("website", 1, 0));
    assertThat(figures.segments()).extracting(s -> s.segment() + "=" + s.leads())
        .containsExactly("fintech=2", "logistics=1", "unknown=1");
    assertThat(source.leadAnalytics(tenant, DayRange.month(2026, 2)).newLeads()).isEqualTo(1);
  }

  @Test
  void payment_figures_come_from_the_payments_module() {
    PaymentAnalytics figures = source.paymentAnalytics(tenant, JANUARY);

    assertThat(figures.grossRevenue()).isEqualTo(Money.of("79.90", "EUR"));
    assertThat(figures.succeeded()).isEqualTo(3);
    assertThat(figures.failed()).isEqualTo(1);
    assertThat(figures.refunded()).isEqualTo(1);
    assertThat(figures.refundedAmount()).isEqualTo(Money.of("7.50", "EUR"));
    assertThat(figures.netRevenue()).isEqualTo(Money.of("72.40", "EUR"));
  }

  @Test
  void revenue_in_other_currencies_is_converted_at_the_given_rates_or_reported_apart() {
    TenantId shop = TestTenancy.newTenant(database);
    for (Money amount : List.of(Money.of("10.00", "USD"), Money.of("700", "JPY"), Money.of("5.00", "EUR"))) {
      payments.create(shop, NewPayment.builder(amount, PaymentMethod.token(SimulatorCards.SUCCESS)).build(), IdempotencyKey.random());
    }
    CrmPaymentsMarketingData converting = CrmPaymentsMarketingData.builder(leads, payments).currency("EUR")
        .conversionRate("USD", new BigDecimal("0.5")).build();

    PaymentAnalytics figures = converting.paymentAnalytics(shop, DayRange.month(2026, 2));

    assertThat(figures.succeeded()).isEqualTo(3);
    assertThat(figures.grossRevenue()).isEqualTo(Money.of("10.00", "EUR"));
    assertThat(figures.unconvertedNetRevenue()).containsExactly(Money.of("700", "JPY"));
    PaymentAnalytics withoutRates = withoutNotes.paymentAnalytics(shop, DayRange.month(2026, 2));
    assertThat(withoutRates.grossRevenue()).isEqualTo(Money.of("5.00", "EUR"));
    assertThat(withoutRates.unconvertedNetRevenue()).containsExactly(Money.of("700", "JPY"), Money.of("10.00", "USD"));
    assertThat(source.paymentAnalytics(tenant, JANUARY).unconvertedNetRevenue()).isEmpty();
  }

  @Test
  void top_leads_carry_the_crm_scores_and_their_explanations() {
    List<ScoredLead> top = source.topScoredLeads(tenant, 10);

    assertThat(top).extracting(ScoredLead::status).doesNotContain("WON");
    assertThat(top).hasSize(4);
    assertThat(top).isSortedAccordingTo((a, b) -> Integer.compare(b.score(), a.score()));
    assertThat(top).filteredOn(l -> l.score() > 0).allSatisfy(l -> assertThat(l.explanations()).isNotEmpty());
  }

  @Test
  void brand_search_finds_the_pricing_note_first() {
    List<BrandNote> found = source.searchBrandNotes(tenant, "how should we talk about our price?", 3);

    assertThat(found.get(0).id()).isEqualTo(noteIds.get(0));
    assertThat(found.get(0).text()).contains("never say cheap");
  }

  @Test
  void the_offline_content_creator_is_grounded_in_the_tenants_brand_notes() {
    AgentRuntime runtime = AgentRuntime.builder(source).config(BizoConfig.of(Map.of())).clock(clock).build();

    AgentResult<CampaignContent> result = runtime.contentCreator(tenant,
        AgentTask.builder("Spring campaign about pricing for Acme Invoicing", JANUARY).keywords("invoicing").build());

    assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(result.output().orElseThrow().brandNoteIds()).isNotEmpty().allMatch(noteIds::contains);
  }

  @Test
  void without_brand_notes_the_figures_are_the_same_and_the_note_search_finds_nothing() {
    assertThat(withoutNotes.searchBrandNotes(tenant, brandQuery(), 3)).isEmpty();
    assertThat(withoutNotes.leadAnalytics(tenant, JANUARY)).isEqualTo(source.leadAnalytics(tenant, JANUARY));
    assertThat(withoutNotes.paymentAnalytics(tenant, JANUARY)).isEqualTo(source.paymentAnalytics(tenant, JANUARY));
  }
}
