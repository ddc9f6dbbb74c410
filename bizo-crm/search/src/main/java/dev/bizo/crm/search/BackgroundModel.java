package dev.bizo.crm.search;

import dev.bizo.core.ConfigurationException;
import dev.bizo.core.ValidationException;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * An {@link EmbeddingModel} that loads off the caller's path: {@link #start()} loads the real model on a
 * daemon thread (the first embedding starts it too, if nobody did), and until it has loaded every
 * embedding fails fast with a {@link ModelLoadingException} ({@code search.model_loading}, with a retry
 * delay). An application therefore becomes ready without waiting for the model, and a search made while
 * it loads gets a clear, retriable answer.
 *
 * <p>Background work that may wait (indexing, brand notes) uses {@link #waitingUpTo(Duration)}: the same
 * model, but embedding waits for the load up to a bound before failing the same way.
 *
 * <p>The loader thread runs with the context class loader of the thread that built this object (in an
 * application server, the deployment's), whichever thread starts it.
 *
 * <p>A load that fails is final: every later embedding throws a {@link ConfigurationException} coded
 * {@code search.model_failed} with the cause. Thread-safe.
 */
public final class BackgroundModel implements EmbeddingModel {

  /** Where the load is. */
  public enum State {
    /** Nobody asked for the model yet. */
    NOT_STARTED,
    /** Loading on a background thread. */
    LOADING,
    /** Loaded; embeddings are answered. */
    READY,
    /** The load failed; embeddings fail with {@code search.model_failed}. */
    FAILED
  }

  private static final Duration RETRY_AFTER = Duration.ofSeconds(2);

  private final String name;
  private final int dimension;
  private final Supplier<EmbeddingModel> loader;
  private final CompletableFuture<EmbeddingModel> model = new CompletableFuture<>();
  private final ClassLoader contextLoader = Thread.currentThread().getContextClassLoader();
  private volatile boolean started;

  /**
   * A model not yet loading.
   *
   * @param name the model's name, for messages and {@link #modelName()}
   * @param dimension the dimension of its vectors, known without loading it
   * @param loader loads the real model; called once, on a background thread
   */
  public BackgroundModel(String name, int dimension, Supplier<EmbeddingModel> loader) {
    if (name == null || name.isBlank()) {
      throw ValidationException.ofField("name", "required", "a model name is required");
    }
    if (dimension <= 0) {
      throw ValidationException.ofField("dimension", "not_positive", "dimension must be positive");
    }
    this.name = name;
    this.dimension = dimension;
    this.loader = Objects.requireNonNull(loader, "loader");
  }

  /** Starts loading on a daemon thread, once; later calls return the same future. */
  public CompletableFuture<EmbeddingModel> start() {
    if (!started) {
      synchronized (this) {
        if (!started) {
          started = true;
          Thread thread = new Thread(this::load, "bizo-search-model-loader");
          thread.setDaemon(true);
          // the creator's class loader, not the starter's: in an application server a timer thread may start it
          thread.setContextClassLoader(contextLoader);
          thread.start();
        }
      }
    }
    return model.copy();
  }

  /** Completes when the load has ended, either way; does not start it. */
  public CompletableFuture<EmbeddingModel> whenLoaded() {
    return model.copy();
  }

  /**
   * The loaded model, for a caller that must not wait (a search request).
   *
   * @throws ModelLoadingException while the model is loading (the call starts the load if nobody did)
   * @throws ConfigurationException coded {@code search.model_failed} when the load failed
   */
  public EmbeddingModel requireLoaded() {
    return current();
  }

  private void load() {
    try {
      EmbeddingModel loaded = Objects.requireNonNull(loader.get(), "the loader returned no model");
      if (loaded.dimension() != dimension) {
        throw new IllegalStateException("the model embeds " + loaded.dimension() + " dimensions, not " + dimension);
      }
      model.complete(loaded);
    } catch (RuntimeException | Error e) {
      model.completeExceptionally(e);
    }
  }

  /** Where the load is now. */
  public State state() {
    if (!started) {
      return State.NOT_STARTED;
    }
    if (!model.isDone()) {
      return State.LOADING;
    }
    return model.isCompletedExceptionally() ? State.FAILED : State.READY;
  }

  /** The loaded model, or empty while it is not (yet) loaded. */
  public Optional<EmbeddingModel> loaded() {
    return state() == State.READY ? Optional.of(model.join()) : Optional.empty();
  }

  /**
   * The loaded model, starting the load if needed and waiting for it up to {@code timeout}.
   *
   * @throws ModelLoadingException when it is still loading after {@code timeout}
   * @throws ConfigurationException coded {@code search.model_failed} when the load failed
   */
  public EmbeddingModel awaitLoaded(Duration timeout) {
    start();
    try {
      return model.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new ModelLoadingException(name, RETRY_AFTER);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelLoadingException(name, RETRY_AFTER);
    } catch (ExecutionException e) {
      throw failed(e.getCause());
    }
  }

  /**
   * Waits up to {@code timeout} for a load in progress to end, either way; does not start one. Call it before the
   * JVM exits: the loader is a daemon thread, and a process that exits while it is inside a native runtime (ONNX
   * Runtime creating its session) can die there with SIGSEGV instead of exiting cleanly. A JVM stopped by a
   * signal also runs ONNX Runtime's own shutdown hook, which frees its environment, beside every other hook: hold
   * SIGTERM until this returns (the reference server's {@code StopSignals} does), since waiting in a hook is too late.
   *
   * @return whether no load is in progress now (never started, loaded or failed)
   */
  public boolean awaitSettled(Duration timeout) {
    if (state() != State.LOADING) {
      return true;
    }
    try {
      model.handle((loaded, failure) -> null).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException("handle() completes normally", e);
    }
  }

  /** The same model, but embedding waits for the load up to {@code timeout} instead of failing at once. */
  public EmbeddingModel waitingUpTo(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    BackgroundModel self = this;
    return new EmbeddingModel() {
      @Override
      public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        return awaitLoaded(timeout).embedAll(segments);
      }

      @Override
      public int dimension() {
        return self.dimension;
      }

      @Override
      public String modelName() {
        return self.name;
      }
    };
  }

  /**
   * Embeds with the loaded model.
   *
   * @throws ModelLoadingException while the model is loading (the call starts the load if nobody did)
   * @throws ConfigurationException coded {@code search.model_failed} when the load failed
   */
  @Override
  public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
    return current().embedAll(segments);
  }

  private EmbeddingModel current() {
    start();
    return switch (state()) {
      case READY -> model.join();
      case NOT_STARTED, LOADING -> throw new ModelLoadingException(name, RETRY_AFTER);
      case FAILED -> throw failed(model.handle((m, e) -> e).join());
    };
  }

  private ConfigurationException failed(Throwable cause) {
    Throwable root = cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null ? cause.getCause() : cause;
    return new ConfigurationException("search.model_failed", "The search model " + name + " failed to load: " + root, root);
  }

  /** Known without loading the model. */
  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public String modelName() {
    return name;
  }
}
