package dev.bizo.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bizo.core.ForbiddenException;
import dev.bizo.core.TenantId;
import jakarta.enterprise.concurrent.spi.ThreadContextRestorer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TenantContextTest {

  private final TenantId a = TenantId.generate();
  private final TenantId b = TenantId.generate();
  private final ExecutorService pool = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() throws InterruptedException {
    pool.shutdownNow();
    pool.awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void no_tenant_outside_a_scope_and_require_refuses() {
    assertThat(TenantContext.current()).isEmpty();
    assertThatThrownBy(TenantContext::require)
        .isInstanceOf(ForbiddenException.class)
        .extracting(e -> ((ForbiddenException) e).code())
        .isEqualTo("tenancy.no_tenant");
  }

  @Test
  void nested_scopes_restore_the_outer_tenant_even_after_an_exception() {
    TenantContext.run(
        a,
        () -> {
          assertThat(TenantContext.require()).isEqualTo(a);
          assertThatThrownBy(() -> TenantContext.run(b, () -> {
                    assertThat(TenantContext.require()).isEqualTo(b);
                    throw new IllegalStateException("inner fails");
                  }))
              .isInstanceOf(IllegalStateException.class);
          assertThat(TenantContext.require()).isEqualTo(a);
          assertThat(TenantContext.call(b, TenantContext::require)).isEqualTo(b);
          assertThat(TenantContext.require()).isEqualTo(a);
        });
    assertThat(TenantContext.current()).isEmpty();
  }

  @Test
  void executor_service_tasks_run_under_the_submitting_tenant_and_leave_the_worker_clean() throws Exception {
    ExecutorService carrying = TenantContext.executorService(pool);
    Optional<TenantId> seen = TenantContext.call(a, () -> get(carrying.submit(TenantContext::current)));
    assertThat(seen).contains(a);
    // the same worker thread, asked without a tenant, has none left over
    assertThat(get(carrying.submit(TenantContext::current))).isEmpty();
    Callable<Optional<TenantId>> task = TenantContext::current;
    List<Optional<TenantId>> all = TenantContext.call(b, () -> invokeAll(carrying, List.of(task, task)));
    assertThat(all).containsOnly(Optional.of(b));
  }

  @Test
  void plain_executor_without_wrapping_does_not_see_the_tenant() throws Exception {
    Optional<TenantId> seen = TenantContext.call(a, () -> get(pool.submit(TenantContext::current)));
    assertThat(seen).isEmpty();
  }

  @Test
  void executor_and_completable_future_hops_keep_the_tenant() {
    AtomicReference<Optional<TenantId>> viaExecutor = new AtomicReference<>();
    CompletableFuture<Optional<TenantId>> chained =
        TenantContext.call(
            a,
            () -> {
              CompletableFuture<Void> done = new CompletableFuture<>();
              TenantContext.executor(pool).execute(() -> {
                viaExecutor.set(TenantContext.current());
                done.complete(null);
              });
              done.join();
              return TenantContext.supplyAsync(TenantContext::require, pool)
                  .thenApplyAsync(TenantContext.wrap((TenantId t) -> TenantContext.current()), pool);
            });
    assertThat(viaExecutor.get()).contains(a);
    assertThat(chained.join()).contains(a);
  }

  @Test
  void an_unwrapped_continuation_runs_without_a_tenant() {
    CompletableFuture<Optional<TenantId>> unwrapped =
        TenantContext.call(a, () -> TenantContext.supplyAsync(TenantContext::require, pool).thenApplyAsync(t -> TenantContext.current(), pool));
    assertThat(unwrapped.join()).isEmpty();
  }

  @Test
  void jakarta_thread_context_provider_propagates_and_clears() {
    TenantThreadContextProvider provider = new TenantThreadContextProvider();
    var captured = TenantContext.call(a, () -> provider.currentContext(java.util.Map.of()));
    TenantContext.run(
        b,
        () -> {
          ThreadContextRestorer restorer = captured.begin();
          assertThat(TenantContext.current()).contains(a);
          restorer.endContext();
          assertThat(TenantContext.current()).contains(b);
          ThreadContextRestorer cleared = provider.clearedContext(java.util.Map.of()).begin();
          assertThat(TenantContext.current()).isEmpty();
          cleared.endContext();
          assertThat(TenantContext.current()).contains(b);
        });
    assertThat(provider.getThreadContextType()).isEqualTo("BizoTenant");
  }

  private static <T> T get(java.util.concurrent.Future<T> future) {
    try {
      return future.get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static <T> List<T> invokeAll(ExecutorService executor, List<Callable<T>> tasks) {
    try {
      return executor.invokeAll(tasks).stream().map(TenantContextTest::get).toList();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
