package dev.bizo.agents.spi;

import dev.bizo.core.Money;
import dev.bizo.core.ValidationException;
import java.util.Objects;

/**
 * What one acquisition channel brought in during a period.
 *
 * @param channel channel name, e.g. {@code email} or {@code paid-search}
 * @param leads leads that arrived through the channel
 * @param conversions of those, leads that became paying customers
 * @param revenue revenue attributed to the channel
 */
public record ChannelStats(String channel, int leads, int conversions, Money revenue) {

  /** Validates the counts. */
  public ChannelStats {
    if (channel == null || channel.isBlank()) {
      throw ValidationException.ofField("channel", "channel.blank", "channel is blank");
    }
    Objects.requireNonNull(revenue, "revenue");
    if (leads < 0 || conversions < 0 || conversions > leads) {
      throw ValidationException.ofField(
          "conversions", "channel.counts_invalid", "need 0 <= conversions <= leads for " + channel);
    }
  }

  /**
   * Conversion rate as a fraction.
   *
   * @return conversions divided by leads, 0 without leads
   */
  public double conversionRate() {
    return leads == 0 ? 0 : (double) conversions / leads;
  }
}
