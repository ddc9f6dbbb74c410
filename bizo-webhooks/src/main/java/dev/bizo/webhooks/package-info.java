/**
 * Outbound webhooks after the Standard Webhooks scheme, for every module's domain events: {@code whsec_} secrets,
 * HMAC-SHA256 signatures, an optional static header for n8n header auth, a clock-driven retry policy and an
 * SSRF-guarded sender, and {@link dev.bizo.webhooks.WebhookEndpoints}: endpoints registered per tenant in
 * PostgreSQL and the cluster-safe delivery of core's outbox events to them, with an attempt log and manual
 * redelivery. Depends on bizo-core and bizo-tenancy only; {@link dev.bizo.webhooks.WebhooksPersistence} migrates
 * the tables.
 */
package dev.bizo.webhooks;
