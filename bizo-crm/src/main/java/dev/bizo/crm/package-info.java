/**
 * The CRM's leads: {@link dev.bizo.crm.LeadService} stores each tenant's leads in PostgreSQL under
 * row-level security, one transaction per call in the tenant's scope, writing the lead, its score and status
 * history and its domain events to core's outbox together or not at all.
 *
 * <p>Start from {@link dev.bizo.crm.CrmPersistence#modules()} (what the CRM adds to a
 * {@link dev.bizo.tenancy.TenancyDatabase}) and {@link dev.bizo.crm.LeadService}. A lead is an immutable
 * {@link dev.bizo.crm.Lead}, validated as a whole when built; {@link dev.bizo.crm.LeadLifecycle} lists the
 * allowed {@link dev.bizo.crm.LeadStatus} moves; {@link dev.bizo.crm.LeadQuery} filters and pages by keyset.
 * Scoring is in {@code ..scoring} (scorer plugins in {@code ..scoring.spi}), reports in {@code ..analytics},
 * CSV and NDJSON files in {@code ..importing}; {@code ..internal} is not API.
 */
package dev.bizo.crm;
