package dev.bizo.crm.importing;

import java.util.Objects;

/**
 * The outcome of a stored import.
 *
 * @param id the import record, to resume it after a crash
 * @param report the counts and per-row errors of the whole file (rows from earlier runs included)
 */
public record ImportResult(ImportId id, ImportReport report) {

  public ImportResult {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(report, "report");
  }
}
