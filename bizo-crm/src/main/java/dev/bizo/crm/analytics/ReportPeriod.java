package dev.bizo.crm.analytics;

/** The bucket width of a time-series report. Weeks start on Monday (ISO 8601), in UTC. */
public enum ReportPeriod {
  DAY,
  WEEK,
  MONTH
}
