package dev.bizo.crm.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.core.vector.VectorMatch;
import dev.bizo.crm.Activity;
import dev.bizo.crm.Lead;
import dev.bizo.crm.LeadId;
import dev.bizo.testkit.MutableClock;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SemanticLeadSearchTest {

  private static EmbeddingModel model;
  private static final TenantId TENANT = TenantId.generate();
  private static final MutableClock CLOCK = MutableClock.startingAtNewYear();
  private static SemanticLeadSearch search;
  private static final Map<String, LeadId> IDS = new LinkedHashMap<>();

  private static Lead lead(String name, String title, String company, String industry) {
    return Lead.builder(TENANT, CLOCK).name(name).jobTitle(title).company(company).industry(industry).build();
  }

  @BeforeAll
  static void loadModelAndIndex() {
    model = SemanticLeadSearch.defaultModel();
    search = new SemanticLeadSearch(TENANT, model);
    index("bakery", lead("Marie Dupont", "Owner", "Le Petit Four", "Bakery and pastry"),
        "Runs three bakeries, wants online ordering for croissants and cakes.");
    index("hospital", lead("Dr. Sam Patel", "Chief Medical Officer", "St. Mary Hospital", "Healthcare"),
        "Looking for patient scheduling software for the clinic.");
    index("logistics", lead("Jonas Berg", "CFO", "Nordic Freight", "Logistics"),
        "Trucking fleet of 200 vehicles, needs invoicing and route cost reports.");
    index("school", lead("Amy Chen", "Principal", "Riverside High School", "Education"),
        "Wants a platform for teachers to share homework with students.");
    index("games", lead("Leo Rossi", "Lead Developer", "Pixel Forge", "Video games"),
        "Indie studio building multiplayer games, interested in player analytics.");
  }

  private static void index(String key, Lead lead, String note) {
    IDS.put(key, lead.id());
    search.index(lead, List.of(Activity.note(CLOCK.instant(), note)));
  }

  @Test
  void embeddings_have_384_dimensions() {
    assertThat(search.embed("hello world")).hasSize(384);
    assertThat(model.dimension()).isEqualTo(384);
  }

  @Test
  void finds_the_obviously_similar_lead_first() {
    assertThat(search.findSimilar("a shop that bakes bread and pastries", 3).get(0).key())
        .isEqualTo(IDS.get("bakery"));
    assertThat(search.findSimilar("transport company with lorries worried about billing", 3).get(0).key())
        .isEqualTo(IDS.get("logistics"));
    assertThat(search.findSimilar("doctors and nurses booking appointments", 3).get(0).key())
        .isEqualTo(IDS.get("hospital"));
    assertThat(search.findSimilar("teachers and pupils", 3).get(0).key()).isEqualTo(IDS.get("school"));
  }

  @Test
  void results_are_ordered_by_similarity() {
    List<VectorMatch<LeadId>> hits = search.findSimilar("online game studio", 5);
    assertThat(hits).hasSize(5);
    assertThat(hits).extracting(VectorMatch::similarity)
        .isSortedAccordingTo((a, b) -> Double.compare(b, a));
    assertThat(hits.get(0).key()).isEqualTo(IDS.get("games"));
  }

  @Test
  void refuses_leads_of_another_tenant_and_blank_queries() {
    Lead foreign = Lead.builder(TenantId.generate(), CLOCK).name("Foreign").build();
    assertThatThrownBy(() -> search.index(foreign, List.of()))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.fieldErrors().get(0).code()).isEqualTo("other_tenant"));
    assertThatThrownBy(() -> search.findSimilar("  ", 3)).isInstanceOf(ValidationException.class);
  }

  @Test
  void lead_text_names_role_company_industry_and_notes_only() {
    Lead lead = Lead.builder(TENANT, CLOCK).name("Ada").jobTitle("CTO").company("Engines")
        .industry("Manufacturing").email("ada@engines.example.com").phone("+44 20 1234").build();
    String text = LeadText.of(lead, List.of(
        Activity.note(CLOCK.instant().plusSeconds(5), "second"),
        Activity.note(CLOCK.instant(), "first"),
        Activity.of(dev.bizo.crm.ActivityType.CALL, CLOCK.instant())));
    assertThat(text).isEqualTo("Ada. CTO at Engines. Industry: Manufacturing. Notes: first second");
    assertThat(LeadText.of(Lead.builder(TENANT, CLOCK).name("Solo").company("Acme").build(), List.of()))
        .isEqualTo("Solo. Acme.");
  }
}
