package dev.bizo.examples.scorer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.core.Providers;
import dev.bizo.crm.scoring.spi.LeadScorer;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The scorer is plugged in by being on the class path: META-INF/services names it. */
class B2bFitScorerRegistrationTest {

  @Test
  void service_loader_finds_the_scorer() {
    assertThat(ServiceLoader.load(LeadScorer.class).stream().map(ServiceLoader.Provider::type))
        .contains(B2bFitScorer.class);
  }

  @Test
  void bizo_providers_find_it_by_its_id() {
    LeadScorer scorer = Providers.builder(LeadScorer.class, LeadScorer::id).build().require("b2b-fit");

    assertThat(scorer).isInstanceOf(B2bFitScorer.class);
    assertThat(scorer.version()).isEqualTo(B2bFitScorer.VERSION);
  }
}
