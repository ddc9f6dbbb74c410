package dev.bizo.crm.search;

import dev.bizo.core.TenantId;
import dev.bizo.core.vector.VectorMatch;
import dev.bizo.crm.LeadId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tenant's Lucene HNSW graph for {@link HnswStore}: its writer, searcher and how far it has read the
 * tenant's rows. Out of the store so that the store keeps the tenants' graphs (building, catching up, bounding)
 * and this class the graph itself. Not thread-safe on its own: the store calls it under the object's lock,
 * except {@link #state}, which it reads freely.
 */
final class HnswTenantGraph {

  private static final Logger LOG = LoggerFactory.getLogger(HnswStore.class);
  private static final String ID = "lead";
  private static final String VECTOR = "vector";

  final TenantId tenant;
  volatile HnswStore.State state = HnswStore.State.BUILDING;
  volatile long lastUsed;
  final AtomicBoolean catchingUp = new AtomicBoolean();
  Directory dir;
  Path files;
  IndexWriter writer;
  SearcherManager searchers;
  long seq;
  long removed;

  private final Path directory;
  private final long generation;
  private final int dimension;
  private final int candidates;
  private final double ramBufferMb;
  private final int maxConnections;
  private final int beamWidth;

  HnswTenantGraph(TenantId tenant, Path directory, long generation, int dimension, int candidates, double ramBufferMb,
      int maxConnections, int beamWidth) {
    this.tenant = tenant;
    this.directory = directory;
    this.generation = generation;
    this.dimension = dimension;
    this.candidates = candidates;
    this.ramBufferMb = ramBufferMb;
    this.maxConnections = maxConnections;
    this.beamWidth = beamWidth;
  }

  void open() throws IOException {
    if (directory != null) {
      // a directory per graph: a dropped graph still closing never shares files with its successor
      files = directory.resolve(tenant.value() + "." + generation);
      Files.createDirectories(files);
      dir = FSDirectory.open(files);
    } else {
      dir = new ByteBuffersDirectory();
    }
    int m = maxConnections;
    int beam = beamWidth;
    IndexWriterConfig config = new IndexWriterConfig().setRAMBufferSizeMB(ramBufferMb).setCodec(new Lucene912Codec() {
      @Override
      public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
        return new Lucene99HnswVectorsFormat(m, beam);
      }
    });
    writer = new IndexWriter(dir, config);
    searchers = new SearcherManager(writer, null);
  }

  /** Applies the tenant's rows written and deleted since the last refresh. */
  void refresh(Connection c, TenantId t) throws SQLException {
    boolean changed = false;
    try {
      // deletions first: a lead deleted while its rows are read is dropped by the next refresh or the hit check
      long removedUpTo = removed;
      List<UUID> deleted = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement(
          "select id, lead_id from crm_embedding_removed where tenant_id = ? and id > ? order by id")) {
        p.setObject(1, t.value());
        p.setLong(2, removed);
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            removedUpTo = rs.getLong(1);
            deleted.add((UUID) rs.getObject(2));
          }
        }
      }
      try (PreparedStatement p = c.prepareStatement(
          "select lead_id, vector, seq from crm_lead_embedding where tenant_id = ? and seq > ? order by seq")) {
        p.setObject(1, t.value());
        p.setLong(2, seq);
        p.setFetchSize(2_000);
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            UUID lead = (UUID) rs.getObject(1);
            float[] v = unit(ExactScanStore.fromBytes(rs.getBytes(2)));
            Term id = new Term(ID, lead.toString());
            if (v != null && v.length == dimension) {
              Document doc = new Document();
              doc.add(new KeywordField(ID, lead.toString(), Field.Store.YES));
              doc.add(new KnnFloatVectorField(VECTOR, v, VectorSimilarityFunction.DOT_PRODUCT));
              writer.updateDocument(id, doc);
            } else {
              writer.deleteDocuments(id);
            }
            seq = rs.getLong(3);
            changed = true;
          }
        }
      }
      for (UUID lead : deleted) {
        writer.deleteDocuments(new Term(ID, lead.toString()));
        changed = true;
      }
      removed = removedUpTo;
      if (changed) {
        searchers.maybeRefreshBlocking();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("HNSW graph of tenant " + t + ": " + e.getMessage(), e);
    }
  }

  List<VectorMatch<LeadId>> search(float[] unit, int k) {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        TopDocs top = searcher.search(new KnnFloatVectorQuery(VECTOR, unit, Math.max(k, candidates)), Math.max(k, candidates));
        List<VectorMatch<LeadId>> out = new ArrayList<>(Math.min(k, top.scoreDocs.length));
        Stream.of(top.scoreDocs)
            .sorted(Comparator.comparingDouble((ScoreDoc d) -> d.score).reversed())
            .limit(k)
            .forEachOrdered(d -> out.add(new VectorMatch<>(leadOf(searcher, d.doc), 2.0 * d.score - 1.0)));
        return out;
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("HNSW graph of tenant " + tenant + ": " + e.getMessage(), e);
    }
  }

  void delete(Set<UUID> leads) {
    try {
      for (UUID lead : leads) {
        writer.deleteDocuments(new Term(ID, lead.toString()));
      }
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException("HNSW graph of tenant " + tenant + ": " + e.getMessage(), e);
    }
  }

  void close() {
    state = HnswStore.State.ABSENT;
    try {
      if (searchers != null) {
        searchers.close();
      }
      if (writer != null) {
        writer.rollback(); // nothing is committed: the graph is rebuilt, never reloaded
      }
      if (dir != null) {
        dir.close();
      }
      if (files != null) {
        deleteTree(files);
      }
    } catch (IOException e) {
      LOG.warn("HNSW graph of tenant " + tenant + " did not close cleanly", e);
    } finally {
      searchers = null;
      writer = null;
      dir = null;
    }
  }

  /** The vector scaled to unit length, or null for a zero vector (which has no direction to rank by). */
  static float[] unit(float[] v) {
    double norm = 0;
    for (float f : v) {
      norm += (double) f * f;
    }
    norm = Math.sqrt(norm);
    if (!(norm > 0) || !Double.isFinite(norm)) {
      return null;
    }
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] / norm);
    }
    return out;
  }
  private static LeadId leadOf(IndexSearcher searcher, int doc) {
    try {
      return new LeadId(UUID.fromString(searcher.storedFields().document(doc).get(ID)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
