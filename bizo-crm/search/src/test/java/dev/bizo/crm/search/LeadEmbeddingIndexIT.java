package dev.bizo.crm.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.core.TenantId;
import dev.bizo.core.vector.VectorMatch;
import dev.bizo.crm.Activity;
import dev.bizo.crm.Lead;
import dev.bizo.crm.LeadId;
import dev.bizo.crm.StoredLead;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Embeddings stored in PostgreSQL, indexed off the request path, searched with the exact scan's answers. */
class LeadEmbeddingIndexIT extends SearchDatabase {

  private EmbeddingModel model;
  private LeadEmbeddingIndex index;

  @BeforeAll
  void loadModel() {
    model = SemanticLeadSearch.defaultModel();
    index = LeadEmbeddingIndex.builder(database.transactions(), model).clock(clock).build();
  }

  private Map<String, StoredLead> populate(TenantId t) {
    Map<String, StoredLead> out = new LinkedHashMap<>();
    out.put("bakery", add(t, "Marie Dupont", "Owner", "Le Petit Four", "Bakery and pastry",
        "Runs three bakeries, wants online ordering for croissants and cakes."));
    out.put("hospital", add(t, "Dr. Sam Patel", "Chief Medical Officer", "St. Mary Hospital", "Healthcare",
        "Looking for patient scheduling software for the clinic."));
    out.put("logistics", add(t, "Jonas Berg", "CFO", "Nordic Freight", "Logistics",
        "Trucking fleet of 200 vehicles, needs invoicing and route cost reports."));
    out.put("school", add(t, "Amy Chen", "Principal", "Riverside High School", "Education",
        "Wants a platform for teachers to share homework with students."));
    return out;
  }

  private StoredLead add(TenantId t, String name, String title, String company, String industry, String note) {
    StoredLead l = leads.create(t, Lead.builder(t, clock).name(name).jobTitle(title).company(company).industry(industry).build());
    return leads.addActivity(t, l.id(), Activity.note(clock.instant(), note));
  }

  @Test
  void writes_queue_leads_and_index_pending_embeds_them_in_batches_for_search() {
    TenantId t = newTenant();
    TenantId other = newTenant();
    Map<String, StoredLead> made = populate(t);
    add(other, "Paul Baker", "Owner", "Bread Corner", "Bakery", "Bakes bread and pastries every morning.");

    assertThat(index.pending(t)).isEqualTo(4);
    assertThat(index.findSimilar(t, "a shop that bakes bread and pastries", 3)).as("nothing embedded yet").isEmpty();

    assertThat(index.indexPending(t, 3)).isEqualTo(new IndexingBatch(3, 0, 1));
    assertThat(index.indexPending(t, 3)).isEqualTo(new IndexingBatch(1, 0, 0));
    assertThat(index.indexPending(t, 3)).isEqualTo(new IndexingBatch(0, 0, 0));
    assertThat(count(t, "crm_lead_embedding", "true")).isEqualTo(4);
    assertThat(count(other, "crm_lead_embedding", "true")).as("the other tenant's queue is its own").isZero();

    List<VectorMatch<LeadId>> hits = index.findSimilar(t, "a shop that bakes bread and pastries", 3);
    assertThat(hits).hasSize(3);
    assertThat(hits.get(0).key()).isEqualTo(made.get("bakery").id());
    assertThat(index.findSimilar(t, "trucks, freight and invoices", 1).get(0).key()).isEqualTo(made.get("logistics").id());

    // the same answers as the in-memory exact search over the same texts
    SemanticLeadSearch reference = new SemanticLeadSearch(t, model);
    for (StoredLead l : made.values()) {
      reference.index(l.lead(), leads.activities(t, l.id()));
    }
    List<VectorMatch<LeadId>> expected = reference.findSimilar("hospital software for doctors", 4);
    List<VectorMatch<LeadId>> actual = index.findSimilar(t, "hospital software for doctors", 4);
    assertThat(actual).extracting(VectorMatch::key).containsExactlyElementsOf(expected.stream().map(VectorMatch::key).toList());
    for (int i = 0; i < actual.size(); i++) {
      assertThat(actual.get(i).similarity()).isCloseTo(expected.get(i).similarity(), org.assertj.core.data.Offset.offset(1e-6));
    }
  }

  @Test
  void changed_text_is_re_embedded_unchanged_text_is_skipped_and_deleted_leads_disappear() {
    TenantId t = newTenant();
    Map<String, StoredLead> made = populate(t);
    while (!index.indexPending(t, 10).done()) {
      // drain
    }
    assertThat(index.findSimilar(t, "bakery", 4)).hasSize(4);

    leads.update(t, made.get("school").id(), b -> b.owner("rep-1"));
    assertThat(index.indexPending(t, 10)).isEqualTo(new IndexingBatch(0, 1, 0));

    leads.update(t, made.get("school").id(), b -> b.company("Sunrise Bakery").industry("Bakery").jobTitle("Head baker"));
    assertThat(index.indexPending(t, 10)).isEqualTo(new IndexingBatch(1, 0, 0));
    assertThat(index.findSimilar(t, "head baker at a bakery", 1).get(0).key()).isEqualTo(made.get("school").id());

    leads.delete(t, made.get("bakery").id());
    leads.delete(t, made.get("school").id());
    List<VectorMatch<LeadId>> hits = index.findSimilar(t, "bakery", 4);
    assertThat(hits).extracting(VectorMatch::key)
        .doesNotContain(made.get("bakery").id(), made.get("school").id())
        .hasSize(2);
    assertThat(index.cachedVectors(t)).isEqualTo(2);
  }

  @Test
  void two_replicas_indexing_at_once_embed_each_lead_once() throws Exception {
    TenantId t = newTenant();
    List<StoredLead> made = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      made.add(leads.create(t, Lead.builder(t, clock).name("Person " + i).jobTitle("Role " + i).company("Company " + i).build()));
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Callable<Integer> replica = () -> {
        int embedded = 0;
        IndexingBatch b;
        do {
          b = index.indexPending(t, 3);
          embedded += b.embedded() + b.unchanged();
        } while (b.embedded() + b.unchanged() > 0);
        return embedded;
      };
      Future<Integer> a = pool.submit(replica);
      Future<Integer> b = pool.submit(replica);
      assertThat(a.get() + b.get()).isEqualTo(24);
    } finally {
      pool.shutdownNow();
    }
    assertThat(index.pending(t)).isZero();
    assertThat(count(t, "crm_lead_embedding", "true")).isEqualTo(24);
    assertThat(index.findSimilar(t, "Person 7, Role 7 at Company 7", 1).get(0).key()).isEqualTo(made.get(7).id());
  }

  @Test
  void tenants_beyond_the_cache_bound_are_dropped_and_reload_on_their_next_search() {
    LeadEmbeddingIndex small = LeadEmbeddingIndex.builder(database.transactions(), model).clock(clock).maxCachedTenants(1).build();
    TenantId a = newTenant();
    TenantId b = newTenant();
    StoredLead inA = add(a, "Ann", "Owner", "Cake Shop", "Bakery", "Sells cakes.");
    StoredLead inB = add(b, "Bob", "CTO", "Data Co", "Software", "Builds databases.");
    small.indexPending(a, 10);
    small.indexPending(b, 10);

    assertThat(small.findSimilar(a, "cakes", 1).get(0).key()).isEqualTo(inA.id());
    assertThat(small.cachedVectors(a)).isEqualTo(1);
    assertThat(small.findSimilar(b, "databases", 1).get(0).key()).isEqualTo(inB.id());
    assertThat(small.cachedVectors(a)).as("evicted").isZero();
    assertThat(small.findSimilar(a, "cakes", 1).get(0).key()).as("reloaded").isEqualTo(inA.id());
    assertThat(small.cachedVectors(b)).isZero();
  }
}
