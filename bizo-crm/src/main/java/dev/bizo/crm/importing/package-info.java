/**
 * Lead imports from CSV (RFC 4180, with a header row) and NDJSON files: {@link dev.bizo.crm.importing.LeadImporter}
 * streams a file into validated {@link dev.bizo.crm.Lead}s for one tenant, one row in memory at a time, hands the
 * good rows to a sink and reports each bad one as a {@link dev.bizo.crm.importing.RowError} with its row, line and
 * field errors. {@link dev.bizo.crm.importing.ImportMode} decides whether good rows of a file with bad ones are
 * kept; {@link dev.bizo.crm.importing.ImportReport} is the outcome and
 * {@link dev.bizo.crm.importing.ImportResult} that of a stored import, resumable after a crash by its
 * {@link dev.bizo.crm.importing.ImportId}.
 */
package dev.bizo.crm.importing;
