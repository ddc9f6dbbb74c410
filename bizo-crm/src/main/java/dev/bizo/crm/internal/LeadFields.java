package dev.bizo.crm.internal;

import dev.bizo.crm.Lead;

/**
 * Reads a lead's optional fields as plain values (null or -1 when absent) for the scoring hot path,
 * where an {@code Optional} per field read is measurable. {@link Lead} installs the reader when its
 * class initializes, so any caller holding a lead finds it set. Not API.
 */
public final class LeadFields {

  /** Implemented by {@link Lead} over its private fields. */
  public interface Reader {
    String email(Lead lead);

    String phone(Lead lead);

    String company(Lead lead);

    String jobTitle(Lead lead);

    String industry(Lead lead);

    int companySize(Lead lead);

    String country(Lead lead);

    String owner(Lead lead);
  }

  private static Reader reader;

  private LeadFields() {}

  /** Called once, from {@link Lead}'s static initializer. */
  public static void install(Reader value) {
    if (reader != null) {
      throw new IllegalStateException("the lead field reader is installed once");
    }
    reader = value;
  }

  /** The normalized e-mail address, or null. */
  public static String email(Lead lead) {
    return reader.email(lead);
  }

  public static String phone(Lead lead) {
    return reader.phone(lead);
  }

  public static String company(Lead lead) {
    return reader.company(lead);
  }

  public static String jobTitle(Lead lead) {
    return reader.jobTitle(lead);
  }

  public static String industry(Lead lead) {
    return reader.industry(lead);
  }

  /** The company size, or -1 when unknown (sizes are never negative). */
  public static int companySize(Lead lead) {
    return reader.companySize(lead);
  }

  public static String country(Lead lead) {
    return reader.country(lead);
  }

  public static String owner(Lead lead) {
    return reader.owner(lead);
  }
}
