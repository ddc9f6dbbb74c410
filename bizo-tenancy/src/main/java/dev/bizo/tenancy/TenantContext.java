package dev.bizo.tenancy;

import dev.bizo.core.ForbiddenException;
import dev.bizo.core.TenantId;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The tenant the current thread works for.
 *
 * <p>A tenant is bound only for the length of a scope: {@link #run(TenantId, Runnable)} or
 * {@link #call(TenantId, Supplier)}. Scopes nest; leaving an inner scope restores the outer tenant, and
 * leaving the outermost scope leaves the thread with no tenant. There is deliberately no
 * {@code set}/{@code clear} pair, so a pooled thread can never keep a tenant by accident.
 *
 * <p>The context is per thread. Work handed to another thread keeps its tenant only through the
 * wrappers here ({@link #wrap(Runnable)}, {@link #executor(Executor)}, {@link #executorService(ExecutorService)},
 * {@link #supplyAsync(Supplier, Executor)}), or, in a Jakarta EE server, through the
 * {@code ThreadContextProvider} this module registers for managed executors.
 *
 * <p>The context is what Hibernate's tenant resolver reads, but the database never trusts it alone:
 * {@link Transactions} writes the tenant into every transaction it opens.
 */
public final class TenantContext {

  private static final ThreadLocal<TenantId> CURRENT = new ThreadLocal<>();

  private TenantContext() {}

  /** The tenant bound to this thread, if any. */
  public static Optional<TenantId> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  /**
   * The tenant bound to this thread.
   *
   * @throws ForbiddenException with code {@code tenancy.no_tenant} when no scope is open: code that needs a
   *     tenant must never run without one
   */
  public static TenantId require() {
    TenantId tenant = CURRENT.get();
    if (tenant == null) {
      throw new ForbiddenException("tenancy.no_tenant", "No tenant is bound to this thread");
    }
    return tenant;
  }

  /** Runs {@code work} with {@code tenant} bound, then restores whatever was bound before. */
  public static void run(TenantId tenant, Runnable work) {
    Objects.requireNonNull(work, "work");
    call(
        tenant,
        () -> {
          work.run();
          return null;
        });
  }

  /** Calls {@code work} with {@code tenant} bound, then restores whatever was bound before. */
  public static <T> T call(TenantId tenant, Supplier<T> work) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(work, "work");
    TenantId outer = CURRENT.get();
    CURRENT.set(tenant);
    try {
      return work.get();
    } finally {
      restore(outer);
    }
  }

  /** A runnable that runs {@code work} under the tenant bound now, on whichever thread runs it. */
  public static Runnable wrap(Runnable work) {
    Objects.requireNonNull(work, "work");
    TenantId captured = CURRENT.get();
    return () -> runCaptured(captured, work);
  }

  /** A callable that calls {@code work} under the tenant bound now, on whichever thread calls it. */
  public static <T> Callable<T> wrap(Callable<T> work) {
    Objects.requireNonNull(work, "work");
    TenantId captured = CURRENT.get();
    return () -> {
      TenantId outer = CURRENT.get();
      bind(captured);
      try {
        return work.call();
      } finally {
        restore(outer);
      }
    };
  }

  /** A supplier that supplies under the tenant bound now, on whichever thread calls it. */
  public static <T> Supplier<T> wrap(Supplier<T> work) {
    Objects.requireNonNull(work, "work");
    TenantId captured = CURRENT.get();
    return () -> {
      TenantId outer = CURRENT.get();
      bind(captured);
      try {
        return work.get();
      } finally {
        restore(outer);
      }
    };
  }

  /**
   * A function that applies under the tenant bound now, e.g. a {@link CompletableFuture} continuation:
   * {@code future.thenApplyAsync(TenantContext.wrap(x -> ...), executor)}. Continuations are defined on
   * one thread and run on another, so they must capture the tenant where they are defined.
   */
  public static <A, B> Function<A, B> wrap(Function<A, B> work) {
    Objects.requireNonNull(work, "work");
    TenantId captured = CURRENT.get();
    return input -> {
      TenantId outer = CURRENT.get();
      bind(captured);
      try {
        return work.apply(input);
      } finally {
        restore(outer);
      }
    };
  }

  /**
   * An executor that runs each task under the tenant bound at the moment the task is submitted (not when
   * the executor was wrapped).
   */
  public static Executor executor(Executor delegate) {
    Objects.requireNonNull(delegate, "delegate");
    return task -> delegate.execute(wrap(task));
  }

  /** An executor service whose tasks run under the tenant bound when each is submitted. */
  public static ExecutorService executorService(ExecutorService delegate) {
    return new TenantPropagatingExecutorService(delegate);
  }

  /** Like {@link CompletableFuture#supplyAsync(Supplier, Executor)}, keeping the current tenant. */
  public static <T> CompletableFuture<T> supplyAsync(Supplier<T> work, Executor executor) {
    return CompletableFuture.supplyAsync(wrap(work), executor);
  }

  /** Like {@link CompletableFuture#runAsync(Runnable, Executor)}, keeping the current tenant. */
  public static CompletableFuture<Void> runAsync(Runnable work, Executor executor) {
    return CompletableFuture.runAsync(wrap(work), executor);
  }

  /**
   * Binds {@code tenant} (or nothing) and returns what was bound before. For context-propagation
   * integrations that need begin/end calls, such as the Jakarta Concurrency provider; application code
   * uses {@link #run} and {@link #call}.
   */
  static TenantId swap(TenantId tenant) {
    TenantId outer = CURRENT.get();
    bind(tenant);
    return outer;
  }

  static void restore(TenantId outer) {
    bind(outer);
  }

  private static void bind(TenantId tenant) {
    if (tenant == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(tenant);
    }
  }

  private static void runCaptured(TenantId captured, Runnable work) {
    TenantId outer = CURRENT.get();
    bind(captured);
    try {
      work.run();
    } finally {
      restore(outer);
    }
  }
}
