package dev.bizo.agents.spi;

import dev.bizo.core.ValidationException;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A closed range of calendar days that analytics are computed over.
 *
 * @param from first day, inclusive
 * @param to last day, inclusive
 */
public record DayRange(LocalDate from, LocalDate to) {

  /** Validates that both ends are present and ordered. */
  public DayRange {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw ValidationException.ofField("to", "period.reversed", "period ends before it starts");
    }
  }

  /**
   * The period covering one calendar month.
   *
   * @param year the year
   * @param month the month, 1 to 12
   * @return the period from the first to the last day of that month
   */
  public static DayRange month(int year, int month) {
    LocalDate first = LocalDate.of(year, month, 1);
    return new DayRange(first, first.plusMonths(1).minusDays(1));
  }

  @Override
  public String toString() {
    return from + ".." + to;
  }
}
