package dev.bizo.crm;

import java.util.Optional;

/**
 * Campaign attribution captured with the lead. Every part is optional; blank parts are stored as
 * absent.
 *
 * @param source {@code utm_source}
 * @param medium {@code utm_medium}
 * @param campaign {@code utm_campaign}
 * @param term {@code utm_term}
 * @param content {@code utm_content}
 */
public record Utm(String source, String medium, String campaign, String term, String content) {

  /** No attribution. */
  public static final Utm NONE = new Utm(null, null, null, null, null);

  public Utm {
    source = blankToNull(source);
    medium = blankToNull(medium);
    campaign = blankToNull(campaign);
    term = blankToNull(term);
    content = blankToNull(content);
  }

  /** Whether no part is set. */
  public boolean isEmpty() {
    return source == null && medium == null && campaign == null && term == null && content == null;
  }

  /** {@code utm_source}, when set. */
  public Optional<String> sourceValue() {
    return Optional.ofNullable(source);
  }

  /** {@code utm_campaign}, when set. */
  public Optional<String> campaignValue() {
    return Optional.ofNullable(campaign);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
