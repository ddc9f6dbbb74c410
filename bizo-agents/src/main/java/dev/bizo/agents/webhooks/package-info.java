/**
 * Outbound webhooks after the Standard Webhooks scheme: {@code whsec_} secrets, HMAC-SHA256 signatures, an
 * optional static header for n8n header auth, a clock-driven retry policy and an SSRF-guarded sender. The
 * outbox table and cluster-safe delivery job build on these pure pieces.
 */
package dev.bizo.agents.webhooks;
