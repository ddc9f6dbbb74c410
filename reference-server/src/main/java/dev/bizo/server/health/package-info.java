/**
 * The server's MicroProfile Health checks, served by WildFly's management interface ({@code /health/ready}
 * and its siblings). Readiness: the data directory, the database pool, the migrations, Redis when configured,
 * and a failed startup ({@link dev.bizo.server.health.BootReadiness}), which stays DOWN until a restart;
 * liveness: the JVM can still allocate; startup: the startup work has finished. Checks of work that may not
 * have started read {@link dev.bizo.server.config.StartupStatus} rather than the beans doing it, so a probe never
 * starts the database. {@link dev.bizo.server.health.SearchModelState} reports the search model's load and is
 * always UP: readiness never waits for the model.
 */
package dev.bizo.server.health;
