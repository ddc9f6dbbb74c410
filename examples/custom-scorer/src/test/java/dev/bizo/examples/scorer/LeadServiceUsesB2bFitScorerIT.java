package dev.bizo.examples.scorer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.core.Providers;
import dev.bizo.core.TenantId;
import dev.bizo.crm.Activity;
import dev.bizo.crm.ActivityType;
import dev.bizo.crm.CrmPersistence;
import dev.bizo.crm.Lead;
import dev.bizo.crm.LeadService;
import dev.bizo.crm.LeadSource;
import dev.bizo.crm.StoredLead;
import dev.bizo.crm.scoring.Contribution;
import dev.bizo.crm.scoring.ScoreHistoryEntry;
import dev.bizo.crm.scoring.spi.LeadScorer;
import dev.bizo.tenancy.TenancyDatabase;
import dev.bizo.tenancy.testkit.TestTenancy;
import dev.bizo.testkit.MutableClock;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestDatabase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The SDK's LeadService, on a real PostgreSQL, scores with the scorer found through the SPI: every created lead
 * carries its score and explanation, they survive the round trip through the database, and score history
 * names the scorer.
 */
@RealServices
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeadServiceUsesB2bFitScorerIT {

  private final MutableClock clock = MutableClock.startingAtNewYear();
  private TenancyDatabase database;
  private LeadService leads;
  private LeadScorer scorer;
  private TenantId tenant;

  @BeforeAll
  void start(TestDatabase db) {
    database = TestTenancy.start(db, CrmPersistence.modules());
    tenant = TestTenancy.newTenant(database);
    // As an application would: pick the scorer by id from what is installed, and hand it to the service.
    scorer = Providers.builder(LeadScorer.class, LeadScorer::id).build().require(B2bFitScorer.ID);
    leads = LeadService.builder(database.transactions()).clock(clock).scorer(scorer).build();
  }

  @AfterAll
  void stop() {
    long leaks = database.tenantLeaksOnRelease();
    database.close();
    assertThat(leaks).isZero();
  }

  @Test
  void a_created_lead_comes_back_scored_and_explained_by_the_custom_scorer() {
    Lead lead = Lead.builder(tenant, clock).name("Grace Hopper").email("grace@compilers.example")
        .jobTitle("VP Engineering").companySize(1200).source(LeadSource.EVENT).build();

    StoredLead created = leads.create(tenant, lead);

    assertThat(created.score().scorerId()).isEqualTo("b2b-fit");
    assertThat(created.score().scorerVersion()).isEqualTo(B2bFitScorer.VERSION);
    assertThat(created.score().value()).isEqualTo(85);
    assertThat(created.score().contributions()).containsExactly(
        new Contribution("Baseline", 10),
        new Contribution("Company of 1000+ people", 30),
        new Contribution("Senior title (VP Engineering)", 20),
        new Contribution("Work e-mail (compilers.example)", 15),
        new Contribution("Met at an event", 10));
    assertThat(created.score()).isEqualTo(scorer.score(created.lead(), List.of(), clock));
  }

  @Test
  void the_explanation_survives_the_round_trip_through_the_database() {
    StoredLead created = leads.create(tenant, Lead.builder(tenant, clock).name("Sam Student")
        .email("sam@gmail.com").jobTitle("Student").build());

    StoredLead read = leads.get(tenant, created.id()).orElseThrow();

    assertThat(read.score().value()).isEqualTo(5);
    assertThat(read.score().contributions()).isEqualTo(created.score().contributions());
    assertThat(read.score().contributions().stream().mapToInt(Contribution::points).sum())
        .isEqualTo(read.score().value());
    assertThat(read.score().scorerId()).isEqualTo("b2b-fit");
  }

  @Test
  void an_activity_rescores_the_lead_and_history_names_the_scorer() {
    StoredLead created = leads.create(tenant, Lead.builder(tenant, clock).name("Ada Lovelace")
        .email("ada@engines.example").jobTitle("CEO").source(LeadSource.REFERRAL).build());
    clock.advance(Duration.ofHours(2));

    StoredLead afterMeeting = leads.addActivity(tenant, created.id(),
        Activity.of(ActivityType.MEETING, clock.instant().minus(Duration.ofHours(1))));

    assertThat(afterMeeting.score().value()).isEqualTo(created.score().value() + 10);
    assertThat(afterMeeting.score().contributions()).contains(new Contribution("Meetings in the last 30 days (1)", 10));
    List<ScoreHistoryEntry> history = leads.scoreHistory(tenant, created.id());
    assertThat(history).hasSize(2);
    assertThat(history).allSatisfy(entry -> {
      assertThat(entry.scorerId()).isEqualTo("b2b-fit");
      assertThat(entry.scorerVersion()).isEqualTo(B2bFitScorer.VERSION);
    });
    assertThat(history.get(1).newScore()).isEqualTo(afterMeeting.score().value());
  }
}
