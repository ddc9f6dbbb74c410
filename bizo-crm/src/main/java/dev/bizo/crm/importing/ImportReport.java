package dev.bizo.crm.importing;

import java.util.List;

/**
 * The outcome of an import.
 *
 * @param total data rows read
 * @param imported rows handed to the sink
 * @param rejected rows refused
 * @param errors the first {@link LeadImporter#MAX_REPORTED_ERRORS} rejected rows with their
 *     reasons, in file order
 * @param mode the mode the import ran in
 */
public record ImportReport(
    long total, long imported, long rejected, List<RowError> errors, ImportMode mode) {

  public ImportReport {
    errors = List.copyOf(errors);
  }

  /** Whether every row was imported. */
  public boolean isComplete() {
    return rejected == 0 && imported == total;
  }
}
