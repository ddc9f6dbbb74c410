/**
 * The CRM's REST resources and wiring in the server. {@link dev.bizo.server.crm.CrmWiring} builds the CRM's
 * services over the platform database as an embedding application would, with semantic search on pgvector where
 * the database has it and an in-process HNSW graph per tenant otherwise; {@link dev.bizo.server.crm.SearchModelWiring}
 * owns the search model, which loads in the background after ready.
 *
 * <p>The resources: leads, scored on every change ({@link dev.bizo.server.crm.LeadResource}), semantic search
 * ({@link dev.bizo.server.crm.LeadSearchResource}, 503 {@code search.model_loading} while the model loads),
 * scoring rules and predictive models ({@link dev.bizo.server.crm.ScoringResource}), lead reports
 * ({@link dev.bizo.server.crm.AnalyticsResource}) and background file imports
 * ({@link dev.bizo.server.crm.ImportResource}, run by {@link dev.bizo.server.crm.ImportJobs}, one at a time).
 * {@link dev.bizo.server.crm.LeadViews} holds the JSON shapes.
 */
package dev.bizo.server.crm;
