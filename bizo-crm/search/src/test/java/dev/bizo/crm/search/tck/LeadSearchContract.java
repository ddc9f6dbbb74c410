package dev.bizo.crm.search.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.core.vector.VectorMatch;
import dev.bizo.crm.CrmPersistence;
import dev.bizo.crm.Lead;
import dev.bizo.crm.LeadId;
import dev.bizo.crm.LeadService;
import dev.bizo.crm.search.spi.LeadVector;
import dev.bizo.crm.search.spi.LeadVectorStore;
import dev.bizo.tenancy.PersistenceModule;
import dev.bizo.tenancy.TenancyDatabase;
import dev.bizo.tenancy.testkit.TestTenancy;
import dev.bizo.testkit.MutableClock;
import dev.bizo.testkit.RealServices;
import dev.bizo.testkit.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every {@link LeadVectorStore} must do, against a real PostgreSQL with the CRM's schema: rank a
 * tenant's vectors by cosine similarity, replace rather than duplicate, forget deleted leads, and never
 * let one tenant see, overwrite or count another tenant's rows.
 *
 * <p>Extend it and build the store under test; the contract starts the database and the CRM (plus any
 * {@link #extraModules()} the store migrates) once per class:
 *
 * <pre>{@code
 * class MyStoreIT extends LeadSearchContract {
 *   protected LeadVectorStore store(TenancyDatabase database) {
 *     return new MyStore(database.transactions());
 *   }
 * }
 * }</pre>
 *
 * <p>Vectors are synthetic and chosen so that the exact answer is known; an approximate store must still
 * find them (a handful of vectors per tenant).
 */
@RealServices
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LeadSearchContract {

  private final MutableClock clock = MutableClock.startingAtNewYear();
  private TenancyDatabase database;
  private LeadService leads;
  private LeadVectorStore store;
  private TestDatabase own;

  /** The store under test, over the started database. Called once per class. */
  protected abstract LeadVectorStore store(TenancyDatabase database);

  /** Modules the store migrates after core's and the CRM's, e.g. its own tables; none by default. */
  protected List<PersistenceModule> extraModules() {
    return List.of();
  }

  /**
   * The database the contract runs on: by default the test kit's (an embedded PostgreSQL). A store that needs
   * another server returns a fresh database of its own (e.g. {@link PgVectorServer#createDatabase()}, which
   * skips the class with the reason when no such server is configured).
   */
  protected TestDatabase database(TestDatabase testKits) {
    return testKits;
  }

  /** Releases a database {@link #database} created, after the class; nothing by default. */
  protected void releaseDatabase(TestDatabase db) {}

  @BeforeAll
  final void startDatabase(TestDatabase testKits) {
    TestDatabase db = database(testKits);
    own = db == testKits ? null : db;
    List<PersistenceModule> modules = new ArrayList<>(CrmPersistence.modules());
    modules.addAll(extraModules());
    database = TestTenancy.start(db, modules);
    leads = LeadService.builder(database.transactions()).clock(clock).build();
    store = store(database);
  }

  @AfterAll
  final void stopDatabase() {
    if (store instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        throw new AssertionError("the store did not close", e);
      }
    }
    if (database != null) {
      long leaks = database.tenantLeaksOnRelease();
      database.close();
      assertThat(leaks).as("tenant contexts leaked").isZero();
    }
    if (own != null) {
      releaseDatabase(own);
    }
  }

  @Test
  void ranks_the_tenants_vectors_most_similar_first_with_their_cosine_similarity() {
    TenantId t = TestTenancy.newTenant(database);
    List<LeadId> ids = new ArrayList<>();
    double[] angles = {0.5, 0.1, 1.2, 0.3, 0.9};
    for (double angle : angles) {
      LeadId id = newLead(t);
      ids.add(id);
      put(t, id, atAngle(angle));
    }

    List<VectorMatch<LeadId>> hits = store.nearest(t, axis(0), 3);

    assertThat(hits).extracting(VectorMatch::key).containsExactly(ids.get(1), ids.get(3), ids.get(0));
    assertThat(hits.get(0).similarity()).isCloseTo(Math.cos(0.1), within(1e-4));
    assertThat(hits.get(2).similarity()).isCloseTo(Math.cos(0.5), within(1e-4));
  }

  @Test
  void returns_at_most_k_hits_and_every_stored_lead_when_fewer_are_stored() {
    TenantId t = TestTenancy.newTenant(database);
    for (int i = 0; i < 4; i++) {
      put(t, newLead(t), atAngle(0.2 * i));
    }

    assertThat(store.nearest(t, axis(0), 2)).hasSize(2);
    assertThat(store.nearest(t, axis(0), 50)).hasSize(4);
  }

  @Test
  void storing_a_lead_again_replaces_its_vector_and_text_hash() {
    TenantId t = TestTenancy.newTenant(database);
    LeadId moved = newLead(t);
    LeadId stays = newLead(t);
    put(t, moved, axis(0));
    put(t, stays, atAngle(0.4));
    assertThat(store.nearest(t, axis(0), 1).get(0).key()).isEqualTo(moved);

    store(t, List.of(new LeadVector(moved, axis(1), "second", "contract-model", clock.instant())));

    List<VectorMatch<LeadId>> all = store.nearest(t, axis(0), 10);
    assertThat(all).extracting(VectorMatch::key).containsExactly(stays, moved);
    assertThat(all.get(1).similarity()).isCloseTo(0.0, within(1e-4));
    assertThat(textHashes(t, List.of(moved, stays))).containsEntry(moved, "second").containsEntry(stays, "hash");
  }

  @Test
  void a_search_never_returns_another_tenants_leads_even_when_theirs_match_exactly() {
    TenantId mine = TestTenancy.newTenant(database);
    TenantId theirs = TestTenancy.newTenant(database);
    LeadId myLead = newLead(mine);
    put(mine, myLead, atAngle(1.0));
    List<LeadId> theirLeads = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      LeadId id = newLead(theirs);
      theirLeads.add(id);
      put(theirs, id, axis(0));
    }

    assertThat(store.nearest(mine, axis(0), 10)).extracting(VectorMatch::key).containsExactly(myLead);
    assertThat(store.nearest(theirs, axis(0), 10)).extracting(VectorMatch::key)
        .containsExactlyInAnyOrderElementsOf(theirLeads);
    assertThat(store.nearest(mine, axis(0), 10)).as("asked again, with the other tenant's rows loaded")
        .extracting(VectorMatch::key).containsExactly(myLead);
  }

  @Test
  void a_tenant_with_a_few_vectors_gets_all_of_them_and_only_them_beside_many_closer_ones_of_another() {
    TenantId mine = TestTenancy.newTenant(database);
    TenantId theirs = TestTenancy.newTenant(database);
    List<LeadVector> their = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      float[] v = new float[store.dimension()];
      double angle = 0.01 * (1 + i % 30);
      v[0] = (float) Math.cos(angle);
      v[2 + i % (store.dimension() - 2)] = (float) Math.sin(angle);
      their.add(new LeadVector(newLead(theirs), v, "hash", "contract-model", clock.instant()));
    }
    store(theirs, their);
    List<LeadId> myLeads = new ArrayList<>();
    for (double angle : new double[] {1.2, 0.8, 1.0}) {
      LeadId id = newLead(mine);
      myLeads.add(id);
      put(mine, id, atAngle(angle));
    }

    List<VectorMatch<LeadId>> hits = store.nearest(mine, axis(0), 10);

    assertThat(hits).extracting(VectorMatch::key).containsExactly(myLeads.get(1), myLeads.get(2), myLeads.get(0));
    assertThat(store.nearest(theirs, axis(0), 10)).hasSize(10).extracting(VectorMatch::key)
        .doesNotContainAnyElementsOf(myLeads);
  }

  @Test
  void a_tenant_without_vectors_finds_nothing_while_another_tenant_has_many() {
    TenantId empty = TestTenancy.newTenant(database);
    TenantId busy = TestTenancy.newTenant(database);
    for (int i = 0; i < 5; i++) {
      put(busy, newLead(busy), atAngle(0.1 * i));
    }
    newLead(empty);

    assertThat(store.nearest(empty, axis(0), 10)).isEmpty();
    assertThat(store.nearest(busy, axis(0), 10)).hasSize(5);
  }

  @Test
  void refuses_to_store_a_vector_for_another_tenants_lead_and_stores_nothing_of_that_call() {
    TenantId mine = TestTenancy.newTenant(database);
    TenantId theirs = TestTenancy.newTenant(database);
    LeadId myLead = newLead(mine);
    LeadId theirLead = newLead(theirs);

    assertThatThrownBy(() -> store(mine, List.of(
            new LeadVector(myLead, axis(0), "hash", "contract-model", clock.instant()),
            new LeadVector(theirLead, axis(0), "hash", "contract-model", clock.instant()))))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).code()).isEqualTo("validation_failed"))
        .satisfies(e -> assertThat(((ValidationException) e).fieldErrors()).extracting(ValidationException.FieldError::code)
            .containsExactly("unknown_lead"));

    assertThat(store.nearest(mine, axis(0), 10)).isEmpty();
    assertThat(store.nearest(theirs, axis(0), 10)).isEmpty();
  }

  @Test
  void text_hashes_answer_only_for_the_tenants_own_leads() {
    TenantId mine = TestTenancy.newTenant(database);
    TenantId theirs = TestTenancy.newTenant(database);
    LeadId myLead = newLead(mine);
    LeadId theirLead = newLead(theirs);
    LeadId notEmbedded = newLead(mine);
    put(mine, myLead, axis(0));
    put(theirs, theirLead, axis(0));

    assertThat(textHashes(mine, List.of(myLead, theirLead, notEmbedded))).containsOnlyKeys(myLead);
    assertThat(textHashes(theirs, List.of(myLead, theirLead))).containsOnlyKeys(theirLead);
  }

  @Test
  void a_deleted_lead_is_no_longer_returned_even_after_it_was_found() {
    TenantId t = TestTenancy.newTenant(database);
    LeadId gone = newLead(t);
    LeadId kept = newLead(t);
    put(t, gone, axis(0));
    put(t, kept, atAngle(0.7));
    assertThat(store.nearest(t, axis(0), 1)).extracting(VectorMatch::key).containsExactly(gone);

    leads.delete(t, gone);

    assertThat(store.nearest(t, axis(0), 10)).extracting(VectorMatch::key).containsExactly(kept);
  }

  @Test
  void rejects_a_query_or_vector_of_the_wrong_dimension_and_a_non_positive_k() {
    TenantId t = TestTenancy.newTenant(database);
    LeadId id = newLead(t);
    float[] wrong = new float[store.dimension() + 1];
    wrong[0] = 1;

    assertThatThrownBy(() -> store.nearest(t, wrong, 3)).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> store.nearest(t, axis(0), 0)).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> store(t, List.of(new LeadVector(id, wrong, "hash", "contract-model", clock.instant()))))
        .isInstanceOf(ValidationException.class);
    assertThat(textHashes(t, List.of(id))).isEmpty();
  }

  // --- fixtures -------------------------------------------------------------------------------------

  private LeadId newLead(TenantId tenant) {
    return leads.create(tenant, Lead.builder(tenant, clock).name("Contract lead").build()).id();
  }

  private void put(TenantId tenant, LeadId id, float[] vector) {
    store(tenant, List.of(new LeadVector(id, vector, "hash", "contract-model", clock.instant())));
  }

  private void store(TenantId tenant, List<LeadVector> vectors) {
    database.transactions().inTenantJdbc(tenant, c -> {
      store.store(c, tenant, vectors);
      return null;
    });
  }

  private Map<LeadId, String> textHashes(TenantId tenant, List<LeadId> ids) {
    return database.transactions().inTenantJdbc(tenant, c -> store.textHashes(c, tenant, ids));
  }

  /** The unit vector along one axis. */
  private float[] axis(int d) {
    float[] v = new float[store.dimension()];
    v[d] = 1;
    return v;
  }

  /** A unit vector at {@code radians} from axis 0 towards axis 1: its cosine with axis 0 is cos(radians). */
  private float[] atAngle(double radians) {
    float[] v = new float[store.dimension()];
    v[0] = (float) Math.cos(radians);
    v[1] = (float) Math.sin(radians);
    return v;
  }
}
