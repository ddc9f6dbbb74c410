/**
 * The storage-and-ranking SPI of semantic lead search: {@link dev.bizo.crm.search.spi.LeadVectorStore}
 * and the {@link dev.bizo.crm.search.spi.LeadVector} it keeps. The exact scan, an in-process HNSW index per
 * tenant and pgvector answer it, without changing the indexer or its callers.
 */
package dev.bizo.crm.search.spi;
