/**
 * The server's background work: {@link dev.bizo.server.jobs.JobsWiring} registers the platform's jobs on
 * tenancy's {@link dev.bizo.tenancy.jobs.BackgroundJobs} (payment reconciliation and pruning of idempotency
 * records, lead rescoring and embedding, predictive-model training on request, webhook delivery woken by the
 * outbox's {@code NOTIFY}), each run on one replica at a time for every active tenant. It is stopped first at
 * shutdown, before anything the jobs use is closed.
 */
package dev.bizo.server.jobs;
