package dev.bizo.crm.scoring;

import dev.bizo.crm.Activity;
import dev.bizo.crm.Lead;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A closed lead to learn from. Its status (WON or LOST) is the label, never a feature.
 *
 * @param lead the lead
 * @param activities its activities
 * @param asOf the instant its features are taken at, typically when it was closed, so activities
 *     after the decision do not leak into training
 */
public record TrainingExample(Lead lead, List<Activity> activities, Instant asOf) {

  public TrainingExample {
    Objects.requireNonNull(lead, "lead");
    activities = List.copyOf(activities);
    Objects.requireNonNull(asOf, "asOf");
  }
}
