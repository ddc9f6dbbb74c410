package dev.bizo.crm.importing;

/** The file formats {@link LeadImporter} reads. */
public enum ImportFormat {
  /** RFC 4180 CSV with a header row. */
  CSV,
  /** One JSON object per line. */
  NDJSON
}
