package dev.bizo.crm.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.NotFoundException;
import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.crm.Activity;
import dev.bizo.crm.ActivityType;
import dev.bizo.crm.Lead;
import dev.bizo.crm.LeadId;
import dev.bizo.crm.LeadService;
import dev.bizo.crm.LeadSource;
import dev.bizo.crm.LeadStatus;
import dev.bizo.crm.ModelTrainingRun;
import dev.bizo.crm.RescoreBatch;
import dev.bizo.crm.StoredLead;
import dev.bizo.crm.scoring.EngagementRule;
import dev.bizo.crm.scoring.FitOperator;
import dev.bizo.crm.scoring.FitRule;
import dev.bizo.crm.scoring.LeadField;
import dev.bizo.crm.scoring.Priority;
import dev.bizo.crm.scoring.PredictiveModelTrainer;
import dev.bizo.crm.scoring.RuleBasedScorer;
import dev.bizo.crm.scoring.RuleSet;
import dev.bizo.crm.scoring.ScoreHistoryEntry;
import dev.bizo.crm.scoring.ScoreThresholds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Rules and thresholds per tenant, background rescoring with decay, and recorded model training. */
class TenantScoringIT extends CrmDatabase {

  private static RuleSet flat(int base) {
    return RuleSet.builder().base(base)
        .fit("fit", FitRule.of("Has a company", LeadField.COMPANY, FitOperator.PRESENT, 10)).build();
  }

  private List<StoredLead> make(TenantId t, int count) {
    List<StoredLead> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Lead.Builder b = Lead.builder(t, clock).name("Scored " + i).email("s" + i + "@scoring.test").source(LeadSource.OTHER);
      if (i % 2 == 0) {
        b.company("Co " + i);
      }
      out.add(leads.create(t, b.build()));
    }
    return out;
  }

  private RescoreBatch drain(TenantId t, int limit) {
    RescoreBatch last;
    int guard = 0;
    do {
      last = leads.rescoring().rescoreDue(t, limit);
      assertThat(++guard).isLessThan(1000);
    } while (!last.done());
    return last;
  }

  @Test
  void rules_and_thresholds_are_per_tenant_validated_and_default_until_set() {
    TenantId t = newTenant();
    TenantId other = newTenant();
    assertThat(leads.scoringConfiguration().scoringRules(t)).isEqualTo(RuleSet.defaults());
    assertThat(leads.scoringConfiguration().hasOwnScoringRules(t)).isFalse();
    assertThat(leads.scoringConfiguration().scoreThresholds(t)).isEqualTo(ScoreThresholds.defaults());

    assertThatThrownBy(() -> leads.scoringConfiguration().putScoringRules(t, "{\"base\": 20, \"groups\": [{\"name\": \"g\", \"fit\": "
            + "[{\"label\": \"x\", \"field\": \"COMPANY\", \"operator\": \"NEARLY\", \"points\": 5}]}]}", "admin"))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.fieldErrors()).anySatisfy(f -> assertThat(f.field()).isEqualTo("groups[0].fit[0].operator")));
    assertThatThrownBy(() -> leads.scoringConfiguration().putScoreThresholds(t, "{\"warmAt\": 70, \"hotAt\": 40, \"milestones\": {}}", "admin"))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> leads.scoringConfiguration().putScoreThresholds(t, "{\"warmAt\": 70, \"hotAt\": 80, \"milestones\": {}, \"colour\": 1}", "admin"))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.fieldErrors()).anySatisfy(f -> assertThat(f.code()).isEqualTo("unknown_field")));
    assertThatThrownBy(() -> leads.scoringConfiguration().putScoringRules(t, flat(5), " ")).isInstanceOf(ValidationException.class);
    assertThat(leads.scoringConfiguration().hasOwnScoringRules(t)).as("refused changes store nothing").isFalse();

    leads.scoringConfiguration().putScoringRules(t, flat(5).toJson(), "admin");
    ScoreThresholds mine = new ScoreThresholds(10, 12, Map.of("MQL", 14));
    leads.scoringConfiguration().putScoreThresholds(t, mine.toJson(), "admin");

    assertThat(leads.scoringConfiguration().scoringRules(t)).isEqualTo(flat(5));
    assertThat(leads.scoringConfiguration().scoreThresholds(t)).isEqualTo(mine);
    assertThat(leads.scoringConfiguration().scoringRules(other)).isEqualTo(RuleSet.defaults());
    StoredLead scored = leads.create(t, Lead.builder(t, clock).name("New").company("Acme").build());
    assertThat(scored.score().value()).isEqualTo(15);
    assertThat(scored.priority()).isEqualTo(Priority.HOT);
    assertThat(scored.score().scorerVersion()).isEqualTo(new RuleBasedScorer(flat(5)).version());
    assertThat(events(t, "lead.threshold_crossed", scored.id())).isEqualTo(1);
    StoredLead elsewhere = leads.create(other, Lead.builder(other, clock).name("New").company("Acme").build());
    assertThat(elsewhere.score().value()).isEqualTo(70);

    leads.scoringConfiguration().resetScoringRules(t, "admin");
    assertThat(leads.scoringConfiguration().scoringRules(t)).isEqualTo(RuleSet.defaults());
    assertThat(leads.scoringConfiguration().scoreThresholds(t)).as("thresholds stay").isEqualTo(mine);
  }

  @Test
  void a_rule_change_makes_every_lead_due_and_rescoring_converges_in_batches() {
    TenantId t = newTenant();
    List<StoredLead> made = make(t, 25);
    assertThat(leads.rescoring().rescoreDue(t, 10)).isEqualTo(new RescoreBatch(0, 0, 0));

    leads.scoringConfiguration().putScoringRules(t, flat(30), "admin");
    RescoreBatch first = leads.rescoring().rescoreDue(t, 10);
    assertThat(first.rescored()).isEqualTo(10);
    assertThat(first.remaining()).isEqualTo(15);
    RescoreBatch last = drain(t, 10);
    assertThat(last.remaining()).isZero();
    assertThat(leads.rescoring().rescoreDue(t, 10)).as("idempotent once done").isEqualTo(new RescoreBatch(0, 0, 0));

    RuleBasedScorer expected = new RuleBasedScorer(flat(30));
    for (StoredLead l : made) {
      StoredLead now = leads.get(t, l.id()).orElseThrow();
      assertThat(now.score().value()).isEqualTo(expected.scoreValue(l.lead(), List.of(), clock));
      assertThat(now.score().scorerVersion()).isEqualTo(expected.version());
      assertThat(leads.scoreHistory(t, l.id())).last()
          .satisfies(h -> assertThat(h.cause()).isEqualTo("rescore.configuration"));
    }
  }

  @Test
  void threshold_events_are_emitted_once_even_when_two_replicas_rescore_at_once() throws Exception {
    TenantId t = newTenant();
    leads.scoringConfiguration().putScoreThresholds(t, new ScoreThresholds(40, 90, Map.of("MQL", 60, "SQL", 95)), "admin");
    leads.scoringConfiguration().putScoringRules(t, flat(20), "admin");
    List<StoredLead> made = make(t, 30);
    for (StoredLead l : made) {
      assertThat(events(t, "lead.threshold_crossed", l.id())).isZero();
    }
    leads.scoringConfiguration().putScoringRules(t, flat(60), "admin");

    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<Integer>> replicas = new ArrayList<>();
    try {
      Callable<Integer> replica = () -> {
        int rescored = 0;
        RescoreBatch b;
        do {
          b = leads.rescoring().rescoreDue(t, 4);
          rescored += b.rescored();
        } while (b.rescored() > 0);
        return rescored;
      };
      replicas.add(pool.submit(replica));
      replicas.add(pool.submit(replica));
      assertThat(replicas.get(0).get() + replicas.get(1).get()).as("each lead rescored by one replica").isEqualTo(30);
    } finally {
      pool.shutdownNow();
    }
    drain(t, 50);
    leads.rescoring().rescoreDue(t, 50);
    for (StoredLead l : made) {
      assertThat(events(t, "lead.threshold_crossed", l.id())).as("MQL crossed once by %s", l.lead().name()).isEqualTo(1);
      assertThat(leads.scoreHistory(t, l.id())).hasSize(2);
    }
    assertThat(count(t, "crm_lead", "priority = 'WARM'")).isEqualTo(30);
  }

  @Test
  void engagement_decays_through_background_rescoring_under_the_injected_clock() {
    TenantId t = newTenant();
    LeadService decaying = LeadService.builder(database.transactions()).clock(clock).rescoreInterval(Duration.ofHours(6)).build();
    decaying.scoringConfiguration().putScoringRules(t, RuleSet.builder().base(10)
        .engagement("engagement", 60, EngagementRule.of("Meetings", ActivityType.MEETING, 40, 1)).build(), "admin");
    StoredLead lead = decaying.create(t, Lead.builder(t, clock).name("Engaged").build());
    StoredLead met = decaying.addActivity(t, lead.id(), Activity.of(ActivityType.MEETING, clock.instant()));
    assertThat(met.score().value()).isEqualTo(50);
    assertThat(decaying.rescoring().rescoreDue(t, 10).rescored()).as("nothing decays before the interval").isZero();

    clock.advance(Duration.ofDays(1));
    RescoreBatch batch = decaying.rescoring().rescoreDue(t, 10);
    assertThat(batch).isEqualTo(new RescoreBatch(1, 1, 0));
    StoredLead halved = decaying.get(t, lead.id()).orElseThrow();
    assertThat(halved.score().value()).isEqualTo(30);
    List<ScoreHistoryEntry> history = decaying.scoreHistory(t, lead.id());
    assertThat(history.get(history.size() - 1).cause()).isEqualTo("rescore.decay");
    assertThat(history.get(history.size() - 1).delta()).isEqualTo(-20);

    clock.advance(Duration.ofDays(1));
    decaying.rescoring().rescoreDue(t, 10);
    assertThat(decaying.get(t, lead.id()).orElseThrow().score().value()).isEqualTo(20);

    clock.advance(Duration.ofDays(30));
    decaying.rescoring().rescoreDue(t, 10);
    assertThat(decaying.get(t, lead.id()).orElseThrow().score().value()).isEqualTo(10);
    assertThat(count(t, "crm_lead", "rescore_at is not null")).as("fully decayed leads stop being rescored").isZero();
  }

  @Test
  void training_is_recorded_refused_below_the_minimum_and_activation_makes_leads_due() {
    TenantId t = newTenant();
    LeadService training = LeadService.builder(database.transactions()).clock(clock)
        .trainer(new PredictiveModelTrainer(24, 8, 0.25, 7)).build();
    List<LeadId> closed = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      boolean senior = i % 2 == 0;
      StoredLead l = training.create(t, Lead.builder(t, clock).name("Closed " + i).email("c" + i + "@train.test")
          .jobTitle(senior ? "CEO" : "Intern").company(senior ? "Big Co" : null)
          .source(senior ? LeadSource.REFERRAL : LeadSource.COLD_OUTREACH).build());
      closed.add(l.id());
    }
    ModelTrainingRun refused = training.predictiveModels().trainModel(t);
    assertThat(refused.status()).isEqualTo(ModelTrainingRun.Status.FAILED);
    assertThat(refused.failure()).hasValueSatisfying(f -> assertThat(f).contains("need at least 24"));
    assertThatThrownBy(() -> training.predictiveModels().activateModel(t, refused.version())).isInstanceOf(NotFoundException.class);

    for (int i = 0; i < closed.size(); i++) {
      boolean won = i % 2 == 0 ? i % 10 != 0 : i % 10 == 1;
      training.changeStatus(t, closed.get(i), LeadStatus.CONTACTED, "rep");
      clock.advance(Duration.ofMinutes(5));
      training.changeStatus(t, closed.get(i), won ? LeadStatus.QUALIFIED : LeadStatus.LOST, "rep");
      if (won) {
        training.changeStatus(t, closed.get(i), LeadStatus.PROPOSAL, "rep");
        training.changeStatus(t, closed.get(i), LeadStatus.WON, "rep");
      }
    }
    ModelTrainingRun trained = training.predictiveModels().trainModel(t);
    assertThat(trained.status()).isEqualTo(ModelTrainingRun.Status.TRAINED);
    assertThat(trained.version()).isEqualTo(refused.version() + 1);
    assertThat(trained.metrics()).hasValueSatisfying(m -> assertThat(m.won() + m.lost()).isEqualTo(40));
    assertThat(training.predictiveModels().trainingRuns(t)).extracting(ModelTrainingRun::status)
        .containsExactly(ModelTrainingRun.Status.FAILED, ModelTrainingRun.Status.TRAINED);
    assertThat(training.predictiveModels().activeModel(t)).as("stored inactive").isEmpty();

    training.predictiveModels().activateModel(t, trained.version());
    RescoreBatch batch = drain(t, 100);
    assertThat(batch.done()).isTrue();
    assertThat(count(t, "crm_lead", "scorer_id = 'predictive'")).isEqualTo(40);
  }
}
