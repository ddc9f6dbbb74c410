/**
 * Typed configuration: a {@link dev.bizo.core.config.Setting} names one value by a dotted key
 * ({@code bizo.redis.url}), and {@link dev.bizo.core.config.BizoConfig} reads it from values given to its
 * builder, then system properties, then environment variables ({@code BIZO_REDIS_URL}); a blank value
 * counts as absent. {@link dev.bizo.core.config.CoreSettings} holds the settings bizo-core reads; other
 * modules declare theirs beside their own code.
 */
package dev.bizo.core.config;
