package dev.bizo.crm;

/** What a lead query is ordered by; ties are always broken by the lead id, so the order is total. */
public enum LeadSort {
  /** Creation time. */
  CREATED_AT,
  /** Current score. */
  SCORE,
  /** Name, in the database's collation. */
  NAME
}
