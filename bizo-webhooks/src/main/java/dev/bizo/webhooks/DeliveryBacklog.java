package dev.bizo.webhooks;

import java.time.Duration;
import java.util.Objects;

/**
 * The deliveries that are due and not yet made, over all tenants: what a health check or a lag gauge reads.
 *
 * @param due how many pending deliveries have their next attempt at or before now
 * @param oldestWaiting how long the one due longest has waited past its attempt time; zero when none is due
 */
public record DeliveryBacklog(long due, Duration oldestWaiting) {

  /** No delivery due. */
  public static final DeliveryBacklog NONE = new DeliveryBacklog(0, Duration.ZERO);

  /** Requires a count and a wait that are not negative. */
  public DeliveryBacklog {
    Objects.requireNonNull(oldestWaiting, "oldestWaiting");
    if (due < 0 || oldestWaiting.isNegative()) {
      throw new IllegalArgumentException("a backlog is never negative: " + due + ", " + oldestWaiting);
    }
  }
}
