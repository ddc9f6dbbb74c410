/**
 * Lead reports for one tenant: {@link dev.bizo.crm.analytics.LeadAnalytics} answers counts by status, source,
 * owner, score band, priority and period, and the {@link dev.bizo.crm.analytics.FunnelReport}, from
 * pre-aggregated counters plus the pending deltas that triggers record in the same transaction as each lead
 * change, so a report costs the same at a million leads as at a hundred and is exact at any moment.
 * {@link dev.bizo.crm.analytics.LeadAnalytics#compact} folds the deltas into the counters on a schedule.
 * {@link dev.bizo.crm.analytics.FunnelReport#of} over {@link dev.bizo.crm.analytics.LeadJourney}s is the
 * in-memory reference the SQL must agree with.
 */
package dev.bizo.crm.analytics;
