package dev.bizo.crm.analytics;

import dev.bizo.core.ValidationException;
import java.util.Objects;

/**
 * One row of a count report.
 *
 * @param key the group, e.g. a status name, a source, an owner id, or a period start date
 * @param count how many leads fall in it
 */
public record CountBucket(String key, long count) {

  public CountBucket {
    Objects.requireNonNull(key, "key");
    if (count < 0) {
      throw ValidationException.ofField("count", "negative", "counts cannot be negative");
    }
  }
}
