/**
 * The platform's persistence in the server: {@link dev.bizo.server.persistence.PlatformDatabase} holds the platform
 * started through the embedders' front door {@link dev.bizo.platform.Bizo}: the embedded PostgreSQL (when {@code
 * BIZO_DATABASE_URL} is absent) with its generated master key, tenancy's {@link dev.bizo.tenancy.TenancyDatabase}
 * with every wired module migrated, semantic search's pgvector module where the database has the extension (chosen
 * before the migrations), and the services the wiring classes hand out; it shuts them down in reverse order.
 * {@link dev.bizo.server.persistence.EarlyPersistenceStart}, a CDI extension, begins that start while CDI is still
 * discovering beans, so the server is ready sooner; {@link dev.bizo.server.persistence.AgentsSetupHandover} carries
 * the agents' CDI-made additions to Bizo afterwards.
 */
package dev.bizo.server.persistence;
