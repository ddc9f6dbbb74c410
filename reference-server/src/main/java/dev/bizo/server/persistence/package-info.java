/**
 * The platform's persistence in the server: {@link dev.bizo.server.persistence.PlatformDatabase} holds the embedded
 * PostgreSQL (when {@code BIZO_DATABASE_URL} is absent), the platform started on it through the embedders' front
 * door {@link dev.bizo.platform.Bizo} (tenancy's {@link dev.bizo.tenancy.TenancyDatabase} with every wired module
 * migrated, semantic search's pgvector module where the database has the extension, and the services the wiring
 * classes hand out) and the master keyring, and shuts them down in reverse order. {@link dev.bizo.server.persistence.EarlyPersistenceStart}, a
 * CDI extension, begins that start while CDI is still discovering beans, so the server is ready sooner.
 * {@link dev.bizo.server.persistence.GeneratedMasterKey} is the embedded default's master key, kept in a file beside
 * the data: not for production.
 */
package dev.bizo.server.persistence;
