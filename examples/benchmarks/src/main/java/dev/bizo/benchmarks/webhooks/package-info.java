/** Webhook delivery latency: from an event's commit to a local receiver's 2xx. */
package dev.bizo.benchmarks.webhooks;
