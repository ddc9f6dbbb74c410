package dev.bizo.agents.spi;

import dev.bizo.core.ValidationException;
import java.util.List;
import java.util.Objects;

/**
 * Lead figures for one tenant and period, as computed by the CRM.
 *
 * @param period the period
 * @param newLeads leads created in the period
 * @param qualifiedLeads leads qualified in the period
 * @param convertedLeads leads converted into customers in the period
 * @param channels per-channel figures
 * @param segments per-segment figures
 */
public record LeadFigures(
    DayRange period,
    int newLeads,
    int qualifiedLeads,
    int convertedLeads,
    List<ChannelStats> channels,
    List<SegmentStats> segments) {

  /** Validates the counts and copies the lists. */
  public LeadFigures {
    Objects.requireNonNull(period, "period");
    if (newLeads < 0 || qualifiedLeads < 0 || convertedLeads < 0) {
      throw ValidationException.ofField("newLeads", "analytics.negative", "lead counts must not be negative");
    }
    channels = List.copyOf(channels);
    segments = List.copyOf(segments);
  }
}
