/**
 * Tenant-scoped caches: {@link dev.bizo.core.cache.Caches} creates {@link dev.bizo.core.cache.TenantCache}s
 * on one backend, local Caffeine caches or one shared Redis connection when a Redis URL is configured
 * ({@link dev.bizo.core.cache.Caches#fromConfig}). Every key is scoped by a {@link dev.bizo.core.TenantId},
 * so one tenant's entry never answers another's lookup. Values that leave the JVM go through a
 * {@link dev.bizo.core.cache.CacheCodec}; {@link dev.bizo.core.cache.CacheOptions} sets the default time to
 * live, the bound of local caches and their clock. The backends live in {@code ..cache.internal}, which is
 * not API.
 */
package dev.bizo.core.cache;
