package dev.bizo.crm.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bizo.core.TenantId;
import dev.bizo.core.vector.VectorMatch;
import dev.bizo.crm.Lead;
import dev.bizo.crm.LeadId;
import dev.bizo.crm.search.spi.LeadVector;
import dev.bizo.testkit.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The graphs are built off the search path, the exact scan answers until then, and they follow new rows. */
class HnswStoreBuildIT extends SearchDatabase {

  private static final int DIMENSION = 8;

  /** Holds builds until the test runs them. */
  private static final class HeldBuilds implements Executor {
    final ConcurrentLinkedQueue<Runnable> held = new ConcurrentLinkedQueue<>();

    @Override
    public void execute(Runnable command) {
      held.add(command);
    }

    void runAll() {
      Runnable r;
      while ((r = held.poll()) != null) {
        r.run();
      }
    }
  }

  @Test
  void the_exact_scan_answers_while_the_graph_builds_then_the_graph_answers_the_same() {
    HeldBuilds builds = new HeldBuilds();
    try (HnswStore store = HnswStore.builder(database.transactions(), DIMENSION).buildExecutor(builds).build()) {
      TenantId t = newTenant();
      List<LeadId> ids = storeAtAngles(store, t, 0.4, 0.1, 0.9, 0.25);

      List<VectorMatch<LeadId>> whileBuilding = store.nearest(t, axis(0), 3);
      assertThat(store.state(t)).isEqualTo(HnswStore.State.BUILDING);
      assertThat(whileBuilding).extracting(VectorMatch::key).containsExactly(ids.get(1), ids.get(3), ids.get(0));

      builds.runAll();

      assertThat(store.state(t)).isEqualTo(HnswStore.State.READY);
      assertThat(store.indexedVectors(t)).isEqualTo(4);
      assertThat(store.nearest(t, axis(0), 3)).extracting(VectorMatch::key).containsExactly(ids.get(1), ids.get(3), ids.get(0));
    }
  }

  @Test
  void vectors_stored_after_the_build_are_found_and_deleted_leads_dropped() {
    try (HnswStore store = HnswStore.builder(database.transactions(), DIMENSION).buildExecutor(Runnable::run).build()) {
      TenantId t = newTenant();
      List<LeadId> ids = storeAtAngles(store, t, 0.5, 0.7);
      store.prepare(t);
      assertThat(store.state(t)).isEqualTo(HnswStore.State.READY);

      LeadId late = storeAtAngles(store, t, 0.0).get(0);
      assertThat(store.nearest(t, axis(0), 1)).extracting(VectorMatch::key).containsExactly(late);

      leads.delete(t, late);
      assertThat(store.nearest(t, axis(0), 5)).extracting(VectorMatch::key).containsExactly(ids.get(0), ids.get(1));
      assertThat(store.indexedVectors(t)).isEqualTo(2);
    }
  }

  @Test
  void prepare_adds_vectors_stored_after_the_build_in_the_background_before_any_search() {
    HeldBuilds builds = new HeldBuilds();
    try (HnswStore store = HnswStore.builder(database.transactions(), DIMENSION).buildExecutor(builds).build()) {
      TenantId t = newTenant();
      storeAtAngles(store, t, 0.5);
      store.prepare(t);
      builds.runAll();
      LeadId late = storeAtAngles(store, t, 0.1, 0.9).get(0);
      assertThat(store.indexedVectors(t)).isEqualTo(1);

      store.prepare(t);
      store.prepare(t);
      assertThat(builds.held).as("one catch-up at a time").hasSize(1);
      builds.runAll();

      assertThat(store.indexedVectors(t)).isEqualTo(3);
      assertThat(store.nearest(t, axis(0), 1)).extracting(VectorMatch::key).containsExactly(late);
    }
  }

  @Test
  void beyond_the_bound_the_least_recent_graph_is_dropped_without_waiting_for_its_build(@TempDir Path dir)
      throws Exception {
    HeldBuilds builds = new HeldBuilds();
    try (HnswStore store = HnswStore.builder(database.transactions(), DIMENSION).maxIndexedTenants(1)
        .directory(dir).buildExecutor(builds).build()) {
      TenantId first = newTenant();
      TenantId second = newTenant();
      storeAtAngles(store, first, 0.2);
      List<LeadId> secondLeads = storeAtAngles(store, second, 0.3);
      store.prepare(first);

      assertThat(store.nearest(second, axis(0), 5)).as("answered by the exact scan, not waiting for any build")
          .extracting(VectorMatch::key).containsExactlyElementsOf(secondLeads);
      assertThat(store.state(first)).isEqualTo(HnswStore.State.ABSENT);

      builds.runAll();

      assertThat(store.state(second)).isEqualTo(HnswStore.State.READY);
      assertThat(graphDirectories(dir, first)).as("the dropped graph never left files").isEmpty();
      assertThat(graphDirectories(dir, second)).hasSize(1);
    }
  }

  @Test
  void a_new_store_on_the_same_directory_rebuilds_each_graph_in_the_background_from_the_rows(@TempDir Path dir)
      throws Exception {
    TenantId t = newTenant();
    TenantId other = newTenant();
    List<LeadId> ids;
    try (HnswStore first = HnswStore.builder(database.transactions(), DIMENSION).directory(dir).buildExecutor(Runnable::run).build()) {
      ids = storeAtAngles(first, t, 0.3, 0.05);
      storeAtAngles(first, other, 0.0);
      first.prepare(t);
      assertThat(graphDirectories(dir, t)).hasSize(1);
    }
    assertThat(graphDirectories(dir, t)).as("a closed store leaves no graph behind").isEmpty();

    try (HnswStore restarted = HnswStore.builder(database.transactions(), DIMENSION).directory(dir).build()) {
      restarted.prepare(t);
      Eventually.within(Duration.ofSeconds(30), "the graph is rebuilt", () -> restarted.state(t) == HnswStore.State.READY);

      assertThat(restarted.nearest(t, axis(0), 10)).extracting(VectorMatch::key).containsExactly(ids.get(1), ids.get(0));
      assertThat(restarted.state(other)).as("only tenants prepared or searched get a graph").isEqualTo(HnswStore.State.ABSENT);
      assertThat(graphDirectories(dir, t)).hasSize(1);
    }
  }

  private static List<Path> graphDirectories(Path dir, TenantId t) throws java.io.IOException {
    try (var files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().startsWith(t.value().toString())).toList();
    }
  }

  private List<LeadId> storeAtAngles(HnswStore store, TenantId t, double... angles) {
    List<LeadId> ids = new ArrayList<>();
    List<LeadVector> vectors = new ArrayList<>();
    for (double a : angles) {
      LeadId id = leads.create(t, Lead.builder(t, clock).name("Lead at " + a).build()).id();
      ids.add(id);
      float[] v = new float[DIMENSION];
      v[0] = (float) Math.cos(a);
      v[1] = (float) Math.sin(a);
      vectors.add(new LeadVector(id, v, "hash", "test-model", clock.instant()));
    }
    database.transactions().inTenantJdbc(t, c -> {
      store.store(c, t, vectors);
      return null;
    });
    return ids;
  }

  private static float[] axis(int d) {
    float[] v = new float[DIMENSION];
    v[d] = 1;
    return v;
  }
}
