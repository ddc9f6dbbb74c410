package dev.bizo.crm.importing;

/** What happens to the good rows of a file that also has bad ones. */
public enum ImportMode {
  /** Good rows are kept, bad rows reported. */
  BEST_EFFORT,
  /** Nothing is imported unless every row is good; bad rows are reported. */
  ALL_OR_NOTHING
}
