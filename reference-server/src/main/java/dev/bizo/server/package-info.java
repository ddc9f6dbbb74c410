/**
 * The reference server: Bizo's SDK modules deployed as one WAR in a WildFly bootable jar. It is an application,
 * not a library; its classes are not API for embedders, who use the SDK modules directly.
 * {@link dev.bizo.server.BizoApplication} mounts the REST API at {@code /api/v1}, whose resources and providers
 * WildFly discovers in this WAR.
 *
 * <p>The subpackages: {@code ..persistence} starts the platform database, {@code ..config} reads the settings
 * and records startup, {@code ..auth} verifies every request's credential and binds its tenant; {@code ..api},
 * {@code ..crm}, {@code ..payments}, {@code ..agents} and {@code ..events} hold the REST resources and the CDI
 * wiring of each SDK module; {@code ..jobs} runs the background work, {@code ..health} the health checks,
 * {@code ..metrics} the request metrics, and {@code ..problem} turns every failure into an RFC 9457 problem.
 */
package dev.bizo.server;
