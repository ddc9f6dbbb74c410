package dev.bizo.crm.scoring;

import dev.bizo.core.ValidationException;
import java.util.Objects;

/**
 * One line of a score's explanation.
 *
 * @param label what earned or cost the points, e.g. {@code Title contains "ceo"}
 * @param points the whole points this line adds (negative when it subtracts)
 */
public record Contribution(String label, int points) {

  public Contribution {
    Objects.requireNonNull(label, "label");
    if (label.isBlank()) {
      throw ValidationException.ofField("label", "required", "a contribution has a label");
    }
  }
}
