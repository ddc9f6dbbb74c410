/**
 * The tenant webhook endpoints of {@code /api/v1/webhook-endpoints} and their wiring; delivery runs as a
 * background job ({@code webhooks.deliver} in {@code dev.bizo.server.jobs}).
 */
package dev.bizo.server.webhooks;
