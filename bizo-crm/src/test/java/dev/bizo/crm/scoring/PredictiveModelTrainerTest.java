package dev.bizo.crm.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.crm.Lead;
import dev.bizo.crm.LeadSource;
import dev.bizo.crm.LeadStatus;
import dev.bizo.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class PredictiveModelTrainerTest {

  private static final TenantId TENANT = TenantId.generate();
  private static final MutableClock CLOCK = MutableClock.startingAtNewYear();
  private static List<TrainingExample> examples;
  private static PredictiveModel model;

  @BeforeAll
  static void train() {
    examples = SyntheticClosedLeads.generate(TENANT, CLOCK, 600, 2026);
    long start = System.nanoTime();
    model = new PredictiveModelTrainer().train(TENANT, 1, examples, CLOCK);
    LoggerFactory.getLogger(PredictiveModelTrainerTest.class)
        .info("trained on {} leads in {} ms (informal): {}", examples.size(),
            (System.nanoTime() - start) / 1_000_000, model.metrics());
  }

  @Test
  void learns_the_known_signal_with_holdout_auc_of_at_least_0_8() {
    assertThat(model.metrics().auc()).isGreaterThanOrEqualTo(0.8);
    assertThat(model.metrics().prAuc()).isBetween(0.0, 1.0);
    assertThat(model.metrics().holdoutSize() + model.metrics().trainingSize()).isEqualTo(600);
    assertThat(model.metrics().won() + model.metrics().lost()).isEqualTo(600);
    assertThat(model.trainedAt()).isEqualTo(CLOCK.instant());
  }

  @Test
  void weights_point_the_way_of_the_signal() {
    List<String> names = model.featureNames();
    double[] w = model.weights();
    assertThat(w[names.indexOf("senior_title")]).isPositive();
    assertThat(w[names.indexOf("source_referral")]).isPositive();
    assertThat(w[names.indexOf("activity_meeting")]).isPositive();
    assertThat(w[names.indexOf("free_mail_domain")]).isNegative();
  }

  @Test
  void training_is_deterministic() {
    PredictiveModel again = new PredictiveModelTrainer().train(TENANT, 1, examples, CLOCK);
    assertThat(again).isEqualTo(model);
  }

  @Test
  void the_serialized_form_round_trips() {
    byte[] bytes = model.toBytes();
    PredictiveModel back = PredictiveModel.fromBytes(bytes);
    assertThat(back).isEqualTo(model);
    assertThat(back.metrics()).isEqualTo(model.metrics());
    for (TrainingExample e : examples.subList(0, 20)) {
      double[] x = LeadFeatureExtractor.extract(e.lead(), e.activities(), e.asOf());
      assertThat(back.probability(x)).isEqualTo(model.probability(x));
    }
  }

  @Test
  void refuses_corrupt_or_incompatible_bytes() {
    assertThatThrownBy(() -> PredictiveModel.fromBytes("garbage".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.code()).isEqualTo("lead.model.unreadable"));
    String json = new String(model.toBytes(), StandardCharsets.UTF_8)
        .replace("\"has_company\"", "\"status_is_won\"");
    assertThatThrownBy(() -> PredictiveModel.fromBytes(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.code()).isEqualTo("lead.model.incompatible"));
  }

  @Test
  void refuses_to_train_below_the_minimum_sample_count() {
    List<TrainingExample> few = examples.subList(0, 49);
    assertThatThrownBy(() -> new PredictiveModelTrainer().train(TENANT, 2, few, CLOCK))
        .isInstanceOfSatisfying(ValidationException.class, e -> {
          assertThat(e.code()).isEqualTo(PredictiveModelTrainer.TOO_FEW_SAMPLES);
          assertThat(e.getMessage()).contains("at least 50").contains("have 49");
        });
  }

  @Test
  void refuses_to_train_with_too_few_of_one_outcome() {
    List<TrainingExample> lopsided =
        examples.stream().filter(e -> e.lead().status() == LeadStatus.LOST).limit(80)
            .collect(Collectors.toCollection(ArrayList::new));
    examples.stream().filter(e -> e.lead().status() == LeadStatus.WON).limit(9).forEach(lopsided::add);
    assertThatThrownBy(() -> new PredictiveModelTrainer().train(TENANT, 2, lopsided, CLOCK))
        .isInstanceOfSatisfying(ValidationException.class, e -> {
          assertThat(e.code()).isEqualTo(PredictiveModelTrainer.TOO_FEW_SAMPLES);
          assertThat(e.fieldErrors()).extracting(ValidationException.FieldError::field)
              .containsExactly("examples.won");
        });
  }

  @Test
  void open_leads_do_not_count_towards_the_minimum() {
    List<TrainingExample> open = new ArrayList<>();
    for (TrainingExample e : examples.subList(0, 100)) {
      open.add(new TrainingExample(e.lead().toBuilder().status(LeadStatus.QUALIFIED).build(),
          e.activities(), e.asOf()));
    }
    assertThatThrownBy(() -> new PredictiveModelTrainer().train(TENANT, 2, open, CLOCK))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void refuses_leads_of_another_tenant() {
    TenantId other = TenantId.generate();
    assertThatThrownBy(() -> new PredictiveModelTrainer().train(other, 1, examples, CLOCK))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.fieldErrors().get(0).code()).isEqualTo("other_tenant"));
  }

  @Test
  void the_scorer_explains_with_signed_factors() {
    PredictiveScorer scorer = new PredictiveScorer(model);
    Lead strong = Lead.builder(TENANT, CLOCK).name("Strong").jobTitle("CEO").company("Acme")
        .email("ceo@acme.example.com").source(LeadSource.REFERRAL).build();
    Lead weak = Lead.builder(TENANT, CLOCK).name("Weak").email("someone@gmail.com")
        .source(LeadSource.COLD_OUTREACH).build();
    LeadScore high = scorer.score(strong, List.of(), CLOCK);
    LeadScore low = scorer.score(weak, List.of(), CLOCK);
    assertThat(high.value()).isGreaterThan(low.value());
    assertThat(high.topPositive(3)).extracting(Contribution::label).contains("Senior job title");
    assertThat(low.topNegative(5)).extracting(Contribution::label).contains("Free e-mail domain");
    assertThat(scorer.version()).isEqualTo("m1");
    assertThat(scorer.id()).isEqualTo("predictive");
  }
}
