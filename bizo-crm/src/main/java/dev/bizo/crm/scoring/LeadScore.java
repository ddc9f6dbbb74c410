package dev.bizo.crm.scoring;

import dev.bizo.core.ValidationException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A score from 0 to 100 with its explanation. The contributions always add up to the value
 * exactly, which the constructor enforces: when a scorer caps or clamps, the cut appears as its own
 * line.
 *
 * @param value the score, 0 to 100
 * @param contributions every line of the explanation, in the scorer's order; lines of zero points
 *     may be omitted
 * @param scorerId the {@code LeadScorer#id()} that produced it
 * @param scorerVersion the {@code LeadScorer#version()} that produced it
 * @param scoredAt when it was computed
 */
public record LeadScore(
    int value,
    List<Contribution> contributions,
    String scorerId,
    String scorerVersion,
    Instant scoredAt) {

  /** Lowest possible score. */
  public static final int MIN = 0;

  /** Highest possible score. */
  public static final int MAX = 100;

  public LeadScore {
    contributions = List.copyOf(contributions);
    Objects.requireNonNull(scorerId, "scorerId");
    Objects.requireNonNull(scorerVersion, "scorerVersion");
    Objects.requireNonNull(scoredAt, "scoredAt");
    if (value < MIN || value > MAX) {
      throw ValidationException.ofField("value", "out_of_range", "score " + value + " is not 0-100");
    }
    int sum = 0;
    for (Contribution c : contributions) {
      sum += c.points();
    }
    if (sum != value) {
      throw ValidationException.ofField(
          "contributions",
          "do_not_add_up",
          "contributions add up to " + sum + " but the score is " + value);
    }
  }

  /** The {@code limit} lines that add the most points, largest first. */
  public List<Contribution> topPositive(int limit) {
    return contributions.stream()
        .filter(c -> c.points() > 0)
        .sorted(Comparator.comparingInt(Contribution::points).reversed())
        .limit(limit)
        .collect(Collectors.toList());
  }

  /** The {@code limit} lines that subtract the most points, most negative first. */
  public List<Contribution> topNegative(int limit) {
    return contributions.stream()
        .filter(c -> c.points() < 0)
        .sorted(Comparator.comparingInt(Contribution::points))
        .limit(limit)
        .collect(Collectors.toList());
  }

  /** The band this score falls in under a tenant's thresholds. */
  public Priority priority(ScoreThresholds thresholds) {
    return thresholds.priorityOf(value);
  }
}
