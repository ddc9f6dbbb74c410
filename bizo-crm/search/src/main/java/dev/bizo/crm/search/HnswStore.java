package dev.bizo.crm.search;

import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.core.vector.VectorMatch;
import dev.bizo.crm.LeadId;
import dev.bizo.crm.search.spi.LeadVector;
import dev.bizo.crm.search.spi.LeadVectorStore;
import dev.bizo.tenancy.Transactions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.document.KnnFloatVectorField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link LeadVectorStore} that answers searches from an in-process approximate index, one HNSW graph per
 * tenant (Lucene's {@code KnnFloatVectorField}), for databases without pgvector such as the embedded default.
 *
 * <p><b>Storage</b> is the {@link ExactScanStore}'s: the same {@code bytea} rows in {@code crm_lead_embedding}
 * under row-level security, written in the indexer's transaction. The graphs are derived from those rows and
 * never the source of truth.
 *
 * <p><b>Building.</b> A tenant's graph is built in the background from its stored vectors, when the tenant is
 * first searched or {@link #prepare prepared} (e.g. by a background job at start). Until the graph is ready the
 * exact scan answers, so nothing waits for a build. Graphs are rebuilt at each start: kept on the heap by
 * default, or in files under {@link Builder#directory} (memory-mapped, so off the heap; a new store clears the
 * directory, and a graph's files are deleted when it is dropped or the store closes).
 *
 * <p><b>Kept current</b> the way the exact scan's cache is: before each search the rows written since the
 * graph last looked (a per-tenant sequence) are added or replaced, deleted leads are dropped, and hits are
 * checked against the table, so a deleted lead is never returned. {@link #prepare} does the same catch-up in
 * the background, so a recurring job calling it after indexing keeps that work off the searches.
 *
 * <p><b>Isolation.</b> Each tenant has its own graph, filled only from rows read in that tenant's transaction
 * under row-level security; a search never reaches another tenant's graph.
 *
 * <p>Searches ask the graph for {@link Builder#candidates} neighbours (the breadth of the search, HNSW's
 * {@code ef}) and return the best {@code k}. Thread-safe; share one instance per application.
 */
public final class HnswStore implements LeadVectorStore, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HnswStore.class);

  /** Where a tenant's graph is. */
  public enum State {
    /** Not built (never searched or prepared since start, or dropped beyond the bound): the exact scan answers. */
    ABSENT,
    /** Being built in the background: the exact scan answers. */
    BUILDING,
    /** Built and answering. */
    READY
  }

  private final Transactions tx;
  private final ExactScanStore exact;
  private final int dimension;
  private final int candidates;
  private final int maxIndexedTenants;
  private final Path directory;
  private final Executor builds;
  private final ExecutorService ownBuilds;
  private final double ramBufferMb;
  private final int maxConnections;
  private final int beamWidth;
  private final Map<TenantId, HnswTenantGraph> graphs = new ConcurrentHashMap<>();
  private final AtomicLong generations = new AtomicLong();

  private HnswStore(Builder b) {
    this.tx = b.transactions;
    this.dimension = b.dimension;
    this.candidates = b.candidates;
    this.maxIndexedTenants = b.maxIndexedTenants;
    this.directory = b.directory;
    this.ramBufferMb = b.ramBufferMb;
    this.maxConnections = b.maxConnections;
    this.beamWidth = b.beamWidth;
    this.exact = new ExactScanStore(b.transactions, b.dimension, b.maxIndexedTenants);
    if (directory != null) {
      try {
        HnswTenantGraph.deleteTree(directory); // graphs of an earlier run: never reloaded, rebuilt from the rows
        Files.createDirectories(directory);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot prepare the HNSW directory " + directory + ": " + e.getMessage(), e);
      }
    }
    if (b.builds != null) {
      this.builds = b.builds;
      this.ownBuilds = null;
    } else {
      this.ownBuilds = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "bizo-hnsw-build");
        t.setDaemon(true);
        return t;
      });
      this.builds = ownBuilds;
    }
  }

  /**
   * A store over {@code transactions} keeping vectors of {@code dimension} dimensions (384 for
   * all-MiniLM-L6-v2).
   */
  public static Builder builder(Transactions transactions, int dimension) {
    return new Builder(transactions, dimension);
  }

  @Override
  public String name() {
    return "hnsw";
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public Map<LeadId, String> textHashes(Connection c, TenantId tenant, Collection<LeadId> leads) throws SQLException {
    return exact.textHashes(c, tenant, leads);
  }

  @Override
  public void store(Connection c, TenantId tenant, List<LeadVector> vectors) throws SQLException {
    exact.store(c, tenant, vectors);
  }

  /**
   * Starts building the tenant's graph in the background if it has none, or brings a ready one up to date with
   * the rows written since it last looked, also in the background (so a search after a bulk import does not
   * pay for adding the new vectors); returns at once.
   */
  @Override
  public void prepare(TenantId tenant) {
    Objects.requireNonNull(tenant, "tenant");
    HnswTenantGraph graph = graphFor(tenant);
    if (graph.state == State.READY && graph.catchingUp.compareAndSet(false, true)) {
      builds.execute(() -> catchUp(graph));
    }
  }

  private void catchUp(HnswTenantGraph graph) {
    try {
      synchronized (graph) {
        if (graph.state == State.READY) {
          tx.inTenantJdbc(graph.tenant, c -> {
            graph.refresh(c, graph.tenant);
            return null;
          });
        }
      }
    } catch (RuntimeException e) {
      // the graph stays as it was; the next search refreshes it on its own path
      LOG.warn("HNSW graph of tenant " + graph.tenant + " did not catch up in the background", e);
    } finally {
      graph.catchingUp.set(false);
    }
  }

  @Override
  public List<VectorMatch<LeadId>> nearest(TenantId tenant, float[] query, int k) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(query, "query");
    if (k <= 0) {
      throw ValidationException.ofField("k", "not_positive", "k must be positive");
    }
    if (query.length != dimension) {
      throw ValidationException.ofField(
          "vector", "wrong_dimension", "expected " + dimension + " dimensions, got " + query.length);
    }
    HnswTenantGraph graph = graphFor(tenant);
    if (graph.state != State.READY) {
      return exact.nearest(tenant, query, k);
    }
    graph.lastUsed = System.nanoTime();
    float[] unit = HnswTenantGraph.unit(query);
    if (unit == null) {
      return exact.nearest(tenant, query, k);
    }
    synchronized (graph) {
      if (graph.state != State.READY) {
        return exact.nearest(tenant, query, k);
      }
      return tx.inTenantJdbc(tenant, c -> {
        graph.refresh(c, tenant);
        while (true) {
          List<VectorMatch<LeadId>> hits = graph.search(unit, k);
          Set<UUID> gone = ExactScanStore.missing(c, tenant, hits);
          if (gone.isEmpty()) {
            return hits;
          }
          graph.delete(gone);
        }
      });
    }
  }

  /** Where the tenant's graph is; {@link State#READY} once searches are answered by it. */
  public State state(TenantId tenant) {
    HnswTenantGraph graph = graphs.get(tenant);
    return graph == null ? State.ABSENT : graph.state;
  }

  /** Vectors in the tenant's graph after its last refresh; 0 while it is not ready. */
  public int indexedVectors(TenantId tenant) {
    HnswTenantGraph graph = graphs.get(tenant);
    if (graph == null || graph.state != State.READY) {
      return 0;
    }
    synchronized (graph) {
      return graph.writer.getDocStats().numDocs;
    }
  }

  /** Closes every graph and stops the build thread this store started (not an executor it was given). */
  @Override
  public void close() {
    if (ownBuilds != null) {
      ownBuilds.shutdownNow();
    }
    for (TenantId t : List.copyOf(graphs.keySet())) {
      drop(t);
    }
  }

  private HnswTenantGraph graphFor(TenantId tenant) {
    HnswTenantGraph fresh = new HnswTenantGraph(tenant, directory, generations.incrementAndGet(), dimension, candidates, ramBufferMb,
        maxConnections, beamWidth);
    HnswTenantGraph graph = graphs.putIfAbsent(tenant, fresh);
    if (graph != null) {
      return graph;
    }
    fresh.lastUsed = System.nanoTime();
    evictBeyond(tenant);
    builds.execute(() -> build(fresh));
    return fresh;
  }

  private void build(HnswTenantGraph graph) {
    long started = System.nanoTime();
    try {
      synchronized (graph) {
        if (graphs.get(graph.tenant) != graph) {
          return; // dropped before it started
        }
        graph.open();
        tx.inTenantJdbc(graph.tenant, c -> {
          graph.refresh(c, graph.tenant);
          return null;
        });
        if (graphs.get(graph.tenant) != graph) {
          graph.close(); // dropped while it was being built: drop() left the closing to the build
          return;
        }
        graph.state = State.READY;
      }
      exact.forget(graph.tenant);
      LOG.atDebug().log(() -> "HNSW graph of tenant " + graph.tenant + " built: "
          + graph.writer.getDocStats().numDocs + " vectors in " + (System.nanoTime() - started) / 1_000_000 + " ms");
    } catch (RuntimeException | IOException e) {
      // The exact scan keeps answering; the next search or prepare tries again.
      LOG.error("HNSW graph of tenant " + graph.tenant
          + " failed to build; the exact scan answers its searches until a later build succeeds", e);
      graphs.remove(graph.tenant, graph);
      synchronized (graph) {
        graph.close();
      }
    }
  }

  /** Drops the least recently searched tenants' graphs beyond the bound; they rebuild when next searched. */
  private void evictBeyond(TenantId keep) {
    while (graphs.size() > maxIndexedTenants) {
      TenantId oldest = null;
      long oldestUse = Long.MAX_VALUE;
      for (Map.Entry<TenantId, HnswTenantGraph> e : graphs.entrySet()) {
        if (!e.getKey().equals(keep) && e.getValue().lastUsed < oldestUse) {
          oldest = e.getKey();
          oldestUse = e.getValue().lastUsed;
        }
      }
      if (oldest == null) {
        return;
      }
      drop(oldest);
    }
  }

  /**
   * Forgets the tenant's graph. One still building is closed by its build when it finishes, so a search that
   * evicts another tenant never waits for that tenant's build.
   */
  private void drop(TenantId tenant) {
    HnswTenantGraph graph = graphs.remove(tenant);
    if (graph != null && graph.state != State.BUILDING) {
      synchronized (graph) {
        graph.close();
      }
    }
  }



  /** Collects an {@link HnswStore}. */
  public static final class Builder {
    private final Transactions transactions;
    private final int dimension;
    private int candidates = 100;
    private int maxIndexedTenants = 32;
    private Path directory;
    private Executor builds;
    private double ramBufferMb = Math.max(16, Math.min(2048, Runtime.getRuntime().maxMemory() / 8 / (1 << 20)));
    private int maxConnections = 16;
    private int beamWidth = 50;

    private Builder(Transactions transactions, int dimension) {
      this.transactions = Objects.requireNonNull(transactions, "transactions");
      if (dimension <= 0) {
        throw ValidationException.ofField("dimension", "not_positive", "dimension must be positive");
      }
      this.dimension = dimension;
    }

    /**
     * Neighbours each search asks the graph for before keeping the best {@code k} (default 100): more finds
     * more of the true nearest at more cost.
     */
    public Builder candidates(int value) {
      if (value <= 0) {
        throw ValidationException.ofField("candidates", "not_positive", "must be positive");
      }
      this.candidates = value;
      return this;
    }

    /**
     * How many tenants have a graph at once (default 32); the least recently searched are dropped beyond it and
     * rebuilt (in the background) when next searched. A graph costs about 1.7 KB per vector at 384 dimensions.
     */
    public Builder maxIndexedTenants(int value) {
      if (value <= 0) {
        throw ValidationException.ofField("maxIndexedTenants", "not_positive", "must be positive");
      }
      this.maxIndexedTenants = value;
      return this;
    }

    /**
     * Keeps the graphs in files under this directory, one sub-directory per graph, memory-mapped rather than
     * on the heap; e.g. {@code BIZO_DATA_DIR/search-hnsw}. The store owns the directory: it clears it when
     * built (graphs are rebuilt, never reloaded). Default: on the heap.
     */
    public Builder directory(Path value) {
      this.directory = Objects.requireNonNull(value, "directory").toAbsolutePath().normalize();
      return this;
    }

    /** Where graphs are built (default one daemon thread of this store's); tests may pass a direct executor. */
    public Builder buildExecutor(Executor value) {
      this.builds = Objects.requireNonNull(value, "buildExecutor");
      return this;
    }

    /** Neighbours each node of the graph links to (HNSW's {@code M}, default 16). */
    public Builder maxConnections(int value) {
      if (value <= 0 || value > 512) {
        throw ValidationException.ofField("maxConnections", "out_of_range", "from 1 to 512");
      }
      this.maxConnections = value;
      return this;
    }

    /**
     * Candidates considered when linking a new node (HNSW's {@code efConstruction}, default 50): more builds a
     * better graph, more slowly. Searches widen with {@link #candidates} instead.
     */
    public Builder beamWidth(int value) {
      if (value <= 0 || value > 3200) {
        throw ValidationException.ofField("beamWidth", "out_of_range", "from 1 to 3200");
      }
      this.beamWidth = value;
      return this;
    }

    /**
     * Heap the graph builder buffers before writing a segment, MB (default an eighth of the maximum heap, from
     * 16 MB to 2 GB): a graph built in fewer segments is searched in fewer passes. About 1.7 KB per vector.
     */
    public Builder ramBufferMb(double value) {
      if (!(value > 0)) {
        throw ValidationException.ofField("ramBufferMb", "not_positive", "must be positive");
      }
      this.ramBufferMb = value;
      return this;
    }

    /** Builds the store; graphs are built lazily, per tenant. */
    public HnswStore build() {
      return new HnswStore(this);
    }
  }
}
