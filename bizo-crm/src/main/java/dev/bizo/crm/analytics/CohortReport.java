package dev.bizo.crm.analytics;

import dev.bizo.core.ValidationException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * What a run of calendar days brought in, and how far it has come: the leads created from {@code from} to
 * {@code to} (days in {@code zone}), with where they stand now. Qualified means QUALIFIED or further along
 * the pipeline (PROPOSAL, NEGOTIATION, WON) now; converted means WON now. A lead created in the days and
 * since LOST counts as neither, whatever stages it passed. Built by {@link LeadAnalytics#cohort}.
 *
 * @param from first day, inclusive
 * @param to last day, inclusive
 * @param zone the zone whose calendar days these are
 * @param bySource the leads per source, sources without leads left out, in {@link dev.bizo.crm.LeadSource} order
 * @param byIndustry the leads per industry as stored, industries without leads left out; leads without an
 *     industry first, then by name
 */
public record CohortReport(
    LocalDate from, LocalDate to, ZoneId zone, List<SourceCohort> bySource, List<IndustryCohort> byIndustry) {

  /** Validates the days and copies the lists. */
  public CohortReport {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(zone, "zone");
    if (to.isBefore(from)) {
      throw ValidationException.ofField("to", "period.reversed", "period ends before it starts");
    }
    bySource = List.copyOf(bySource);
    byIndustry = List.copyOf(byIndustry);
  }

  /**
   * Leads created in the days.
   *
   * @return the sum over {@link #bySource()}
   */
  public long leads() {
    return bySource.stream().mapToLong(SourceCohort::leads).sum();
  }

  /**
   * Of the leads created in the days, those QUALIFIED or further along now.
   *
   * @return the sum over {@link #bySource()}
   */
  public long qualified() {
    return bySource.stream().mapToLong(SourceCohort::qualified).sum();
  }

  /**
   * Of the leads created in the days, those WON now.
   *
   * @return the sum over {@link #bySource()}
   */
  public long converted() {
    return bySource.stream().mapToLong(SourceCohort::converted).sum();
  }
}
