/**
 * Semantic lead search ("find leads like this description"), the opt-in heavy part of the CRM: this
 * artifact ({@code bizo-crm-search}) bundles the all-MiniLM-L6-v2 model with ONNX Runtime and DJL's
 * tokenizers, which {@code bizo-crm} itself does not pull in.
 *
 * <ul>
 *   <li>{@link dev.bizo.crm.search.LeadEmbeddingIndex}: embeds new and changed leads in the background
 *       and answers searches, over a {@link dev.bizo.crm.search.spi.LeadVectorStore};</li>
 *   <li>{@link dev.bizo.crm.search.ExactScanStore}: the reference store, an exact cosine scan;</li>
 *   <li>{@link dev.bizo.crm.search.HnswStore}: an in-process HNSW graph per tenant (Lucene), for databases
 *       without pgvector such as the embedded default; the exact scan answers while a graph builds;</li>
 *   <li>{@link dev.bizo.crm.search.PgVectorStore} with {@link dev.bizo.crm.search.PgVectorPersistence}: a
 *       {@code vector(384)} column with an HNSW index, searched in SQL under row-level security;</li>
 *   <li>{@link dev.bizo.crm.search.BundledModel} and {@link dev.bizo.crm.search.BackgroundModel}: the model,
 *       loaded now or off the startup path;</li>
 *   <li>{@link dev.bizo.crm.search.SemanticLeadSearch}: an in-memory search for tests and small sets.</li>
 * </ul>
 */
package dev.bizo.crm.search;
