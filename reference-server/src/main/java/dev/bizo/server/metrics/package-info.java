/**
 * Request metrics: {@link dev.bizo.server.metrics.RequestMetrics} times every API request as
 * {@code bizo_http_requests}, tagged with method, status and the route template (never the raw path, which
 * would carry ids), so Prometheus gets rate and latency per route.
 */
package dev.bizo.server.metrics;
