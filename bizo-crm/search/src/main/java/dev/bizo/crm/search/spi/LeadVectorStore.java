package dev.bizo.crm.search.spi;

import dev.bizo.core.TenantId;
import dev.bizo.core.ValidationException;
import dev.bizo.core.vector.VectorMatch;
import dev.bizo.crm.LeadId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where lead embeddings are kept and how the nearest ones are found: the part of semantic search that
 * may be answered in different ways. {@link dev.bizo.crm.search.LeadEmbeddingIndex} owns the rest
 * (the queue of changed leads, the lead texts and the embedding model) and calls a store for storage
 * and ranking only.
 *
 * <p>The SPI is shaped so that each of these can answer it:
 *
 * <ul>
 *   <li>an <b>exact scan</b> over vectors stored as {@code bytea} and cached in memory per tenant ({@link
 *       dev.bizo.crm.search.ExactScanStore}, the reference and the default);
 *   <li>an <b>in-process approximate index</b>: an HNSW graph per tenant built from the same rows and kept
 *       current with them ({@link dev.bizo.crm.search.HnswStore});
 *   <li><b>pgvector</b>: a {@code vector} column with an HNSW index, searched in SQL under row-level security
 *       ({@link dev.bizo.crm.search.PgVectorStore}).
 * </ul>
 *
 * <p>Writes happen inside the indexer's transaction ({@code c} is already bound to the tenant, under
 * row-level security), so a store never commits vectors the indexer rolls back. Searches open their own
 * tenant transaction. Every method answers for one tenant only: a store must never return, count or
 * overwrite another tenant's rows, whatever ids it is given. {@code LeadSearchContract} in this artifact's
 * test jar ({@code dev.bizo.crm.search.tck}) checks all of this, cross-tenant cases included; an
 * implementation extends it.
 *
 * <p>Implementations are thread-safe: one instance serves every tenant of an application.
 */
public interface LeadVectorStore {

  /** A short name for logs and benchmarks, e.g. {@code exact}, {@code hnsw} or {@code pgvector}. */
  String name();

  /** Dimensions of every vector this store keeps and is searched with. */
  int dimension();

  /**
   * The text hashes stored with the vectors of these leads, for the leads of {@code tenant} that have one.
   *
   * @param c a connection in the tenant's transaction
   * @return lead to text hash; leads without a stored vector, or of another tenant, are absent
   */
  Map<LeadId, String> textHashes(Connection c, TenantId tenant, Collection<LeadId> leads) throws SQLException;

  /**
   * Adds or replaces the vectors of leads of {@code tenant}, inside the caller's transaction.
   *
   * @param c a connection in the tenant's transaction
   * @throws ValidationException coded {@code wrong_dimension} for a vector that is not {@link #dimension()} long
   * @throws ValidationException coded {@code unknown_lead} for a lead that is not one of the tenant's (nothing
   *     of the call is stored then)
   */
  void store(Connection c, TenantId tenant, List<LeadVector> vectors) throws SQLException;

  /**
   * A hint that the tenant will be searched: a store with a per-tenant structure to build (an in-process
   * index) may start building it in the background. Returns at once; searches are answered meanwhile. Does
   * nothing by default.
   */
  default void prepare(TenantId tenant) {}

  /**
   * The tenant's stored leads nearest to {@code query} by cosine similarity, most similar first. Deleted
   * leads are never returned. An approximate store may miss a true neighbour, but never returns more than
   * {@code k} hits or a lead of another tenant.
   *
   * @param query a vector of {@link #dimension()} dimensions
   * @param k how many, positive
   * @throws ValidationException for a query of the wrong dimension or a non-positive {@code k}
   */
  List<VectorMatch<LeadId>> nearest(TenantId tenant, float[] query, int k);
}
