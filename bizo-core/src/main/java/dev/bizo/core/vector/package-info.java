/**
 * Exact cosine nearest-neighbour search over float vectors, in memory and without dependencies: the
 * reference ranking that CRM lead search and the agents' brand notes share. Embedding models live
 * elsewhere (the {@code bizo-crm-search} artifact bundles one); this package only ranks vectors.
 */
package dev.bizo.core.vector;
