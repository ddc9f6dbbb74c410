package dev.bizo.crm;

import dev.bizo.core.ValidationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a lead reached the business. */
public enum LeadSource {
  WEBSITE,
  REFERRAL,
  SOCIAL_MEDIA,
  EMAIL,
  PAID_ADS,
  EVENT,
  COLD_OUTREACH,
  PARTNER,
  OTHER;

  /**
   * Parses a source name case-insensitively, accepting {@code -} or a space for {@code _}.
   *
   * @param field the field name to report a bad value against
   * @param text the source name
   * @return the source
   * @throws ValidationException coded {@code unknown_source} for an unknown name
   */
  public static LeadSource parse(String field, String text) {
    if (text != null) {
      String key = text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
      for (LeadSource s : values()) {
        if (s.name().equals(key)) {
          return s;
        }
      }
    }
    throw ValidationException.ofField(
        field,
        "unknown_source",
        "'" + text + "' is not one of "
            + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
  }
}
