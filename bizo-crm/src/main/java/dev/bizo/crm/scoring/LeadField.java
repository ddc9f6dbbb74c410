package dev.bizo.crm.scoring;

/**
 * The lead fields a fit rule can test. There is deliberately no status field: a score must never
 * depend on where a sales rep moved the lead.
 */
public enum LeadField {
  NAME,
  EMAIL_DOMAIN,
  PHONE,
  COMPANY,
  JOB_TITLE,
  INDUSTRY,
  /** Number of employees; the only field the numeric operators apply to. */
  COMPANY_SIZE,
  COUNTRY,
  SOURCE,
  /** Matches when any of the lead's tags matches. */
  TAG,
  UTM_SOURCE,
  UTM_MEDIUM,
  UTM_CAMPAIGN,
  OWNER
}
