/**
 * The server's configuration and startup state. {@link dev.bizo.server.config.ConfigurationProducer} gives the
 * SDK a {@link dev.bizo.core.config.BizoConfig} that reads through MicroProfile Config, so embedded and server
 * use share one code path; {@link dev.bizo.server.config.ServerSettings} declares the server's own settings
 * ({@code BIZO_DATA_DIR}, {@code BIZO_DATABASE_URL}, ...). {@link dev.bizo.server.config.ServerState} logs what
 * the server chose at startup, and {@link dev.bizo.server.config.StartupStatus} records which startup work has
 * finished or failed, so health checks read it instead of starting a failed bean again.
 */
package dev.bizo.server.config;
