package dev.bizo.crm.importing;

import dev.bizo.core.ValidationException.FieldError;
import java.util.List;

/**
 * Why one row was rejected.
 *
 * @param row 1-based number of the data row (the CSV header is not counted)
 * @param line 1-based line of the file the row starts on
 * @param errors the offending fields
 */
public record RowError(long row, long line, List<FieldError> errors) {

  public RowError {
    errors = List.copyOf(errors);
  }
}
