package dev.bizo.crm;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One interaction with a lead.
 *
 * @param type what happened
 * @param at when it happened
 * @param detail free text: the page URL, the email subject, the note body; may be {@code null}
 */
public record Activity(ActivityType type, Instant at, String detail) {

  public Activity {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(at, "at");
  }

  /** An activity without detail. */
  public static Activity of(ActivityType type, Instant at) {
    return new Activity(type, at, null);
  }

  /** A note with its text. */
  public static Activity note(Instant at, String text) {
    return new Activity(ActivityType.NOTE, at, Objects.requireNonNull(text, "text"));
  }

  /** The detail text, when there is one. */
  public Optional<String> detailText() {
    return Optional.ofNullable(detail).filter(d -> !d.isBlank());
  }
}
