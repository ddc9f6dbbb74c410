package dev.bizo.crm.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.BizoException;
import dev.bizo.core.NotFoundException;
import dev.bizo.core.TenantId;
import dev.bizo.crm.Lead;
import dev.bizo.crm.StoredLead;
import dev.bizo.crm.scoring.LeadFeatureExtractor;
import dev.bizo.crm.scoring.ModelMetrics;
import dev.bizo.crm.scoring.PredictiveModel;
import dev.bizo.crm.scoring.PredictiveScorer;
import dev.bizo.crm.scoring.RuleBasedScorer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ScoringModelIT extends CrmDatabase {

  private PredictiveModel model(TenantId tenant, int version, double bias) {
    int n = LeadFeatureExtractor.featureNames().size();
    double[] means = new double[n];
    double[] scales = new double[n];
    double[] weights = new double[n];
    Arrays.fill(scales, 1.0);
    Arrays.fill(weights, 0.1 * version);
    return new PredictiveModel(tenant, version, clock.instant(), new ModelMetrics(0.9, 0.85, 90, 30, 60, 60), means, scales, weights, bias);
  }

  @Test
  void leads_are_scored_by_rules_until_a_stored_model_is_activated() {
    TenantId t = newTenant();
    StoredLead byRules = leads.create(t, Lead.builder(t, clock).name("Before").email("before@model.test").build());
    assertThat(byRules.score().scorerId()).isEqualTo(RuleBasedScorer.ID);

    leads.predictiveModels().storeModel(t, model(t, 1, -1.0));
    leads.predictiveModels().storeModel(t, model(t, 2, 2.0));
    assertThat(leads.predictiveModels().activeModel(t)).isEmpty();
    leads.predictiveModels().activateModel(t, 2);

    assertThat(leads.predictiveModels().activeModel(t)).contains(model(t, 2, 2.0));
    StoredLead byModel = leads.create(t, Lead.builder(t, clock).name("After").email("after@model.test").build());
    assertThat(byModel.score().scorerId()).isEqualTo(PredictiveScorer.ID);
    assertThat(byModel.score().scorerVersion()).isEqualTo(new PredictiveScorer(model(t, 2, 2.0)).version());
    assertThat(leads.scoreHistory(t, byModel.id())).singleElement()
        .satisfies(h -> assertThat(h.scorerId()).isEqualTo(PredictiveScorer.ID));

    leads.predictiveModels().activateModel(t, 1);
    assertThat(count(t, "crm_scoring_model", "active")).as("one active model per tenant").isEqualTo(1);
    assertThat(leads.predictiveModels().activeModel(t).orElseThrow().version()).isEqualTo(1);

    leads.predictiveModels().deactivateModel(t);
    assertThat(leads.scoringConfiguration().activeScorer(t).id()).isEqualTo(RuleBasedScorer.ID);
  }

  @Test
  void models_are_versioned_per_tenant_and_invisible_to_other_tenants() {
    TenantId a = newTenant();
    TenantId b = newTenant();
    leads.predictiveModels().storeModel(a, model(a, 1, 0.5));
    assertThatThrownBy(() -> leads.predictiveModels().storeModel(a, model(a, 1, 0.7)))
        .isInstanceOf(BizoException.class)
        .extracting(e -> ((BizoException) e).code())
        .isEqualTo("persistence.unique_violation");
    assertThatThrownBy(() -> leads.predictiveModels().activateModel(b, 1)).isInstanceOf(NotFoundException.class);
    leads.predictiveModels().storeModel(b, model(b, 1, 0.1));
    leads.predictiveModels().activateModel(b, 1);
    assertThat(leads.predictiveModels().activeModel(a)).isEmpty();
    assertThat(leads.predictiveModels().activeModel(b).orElseThrow().tenantId()).isEqualTo(b);
  }
}
