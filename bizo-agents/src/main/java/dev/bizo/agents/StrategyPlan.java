package dev.bizo.agents;

import dev.bizo.core.ValidationException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The strategist's output.
 *
 * @param segments segments to target, most promising first
 * @param channels channels to use, with reasons
 * @param budget budget split over the channels, in whole percent summing to 100
 * @param summary a short narrative
 */
public record StrategyPlan(
    List<Segment> segments, List<Channel> channels, List<BudgetShare> budget, String summary) {

  /**
   * A target segment.
   *
   * @param name the segment
   * @param reason why it is targeted
   */
  public record Segment(String name, String reason) {
    /** Validates the segment. */
    public Segment {
      requireText("segments.name", name);
      requireText("segments.reason", reason);
    }
  }

  /**
   * A channel to use.
   *
   * @param name the channel
   * @param reason why
   */
  public record Channel(String name, String reason) {
    /** Validates the channel. */
    public Channel {
      requireText("channels.name", name);
      requireText("channels.reason", reason);
    }
  }

  /**
   * One channel's share of the budget.
   *
   * @param channel the channel, one of the plan's channels
   * @param percent whole percent, 0 to 100
   * @param reason why this share
   */
  public record BudgetShare(String channel, int percent, String reason) {
    /** Validates the share. */
    public BudgetShare {
      requireText("budget.channel", channel);
      requireText("budget.reason", reason);
      if (percent < 0 || percent > 100) {
        throw ValidationException.ofField("budget.percent", "plan.percent_range", "percent must be 0..100");
      }
    }
  }

  /** Validates that every list is present, the split sums to 100 and names only planned channels. */
  public StrategyPlan {
    if (segments == null || segments.isEmpty()) {
      throw ValidationException.ofField("segments", "plan.segments_missing", "at least one segment is required");
    }
    if (channels == null || channels.isEmpty()) {
      throw ValidationException.ofField("channels", "plan.channels_missing", "at least one channel is required");
    }
    if (budget == null || budget.isEmpty()) {
      throw ValidationException.ofField("budget", "plan.budget_missing", "a budget split is required");
    }
    segments = List.copyOf(segments);
    channels = List.copyOf(channels);
    budget = List.copyOf(budget);
    requireText("summary", summary);
    int total = budget.stream().mapToInt(BudgetShare::percent).sum();
    if (total != 100) {
      throw ValidationException.ofField("budget", "plan.budget_not_100",
          "budget percentages must sum to 100 but sum to " + total);
    }
    Set<String> planned = channels.stream().map(Channel::name).collect(Collectors.toSet());
    for (BudgetShare share : budget) {
      if (!planned.contains(share.channel())) {
        throw ValidationException.ofField("budget.channel", "plan.budget_unknown_channel",
            "budget names channel '" + share.channel() + "' which is not among the plan's channels " + planned);
      }
    }
  }

  static void requireText(String field, String value) {
    if (value == null || value.isBlank()) {
      throw ValidationException.ofField(field, "output.blank", field + " must not be blank");
    }
  }
}
