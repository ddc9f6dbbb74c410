package dev.bizo.crm.scoring;

/** How a {@link FitRule} compares a lead field with its values. Text comparisons ignore case. */
public enum FitOperator {
  /** The field has a non-blank value. Takes no values. */
  PRESENT,
  /** The field is empty. Takes no values. */
  ABSENT,
  /** The field equals one of the values. */
  EQUALS,
  /** The field contains one of the values as a substring. */
  CONTAINS,
  /** {@link LeadField#COMPANY_SIZE} is at least the single value. */
  AT_LEAST,
  /** {@link LeadField#COMPANY_SIZE} is below the single value. */
  BELOW
}
