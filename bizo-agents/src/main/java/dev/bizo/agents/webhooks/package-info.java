/**
 * Outbound webhooks after the Standard Webhooks scheme: {@code whsec_} secrets, HMAC-SHA256 signatures, an
 * optional static header for n8n header auth, a clock-driven retry policy and an SSRF-guarded sender, and
 * {@link dev.bizo.agents.webhooks.WebhookEndpoints}: endpoints registered per tenant in PostgreSQL and the
 * cluster-safe delivery of core's outbox events to them, with an attempt log and manual redelivery.
 */
package dev.bizo.agents.webhooks;
