package dev.bizo.webhooks;

/**
 * What one call of {@link WebhookEndpoints#deliverDue} did for one tenant.
 *
 * @param enqueued deliveries created from new outbox events
 * @param attempted attempts sent (HTTP requests made or refused by the SSRF guard)
 * @param delivered attempts answered with 2xx
 * @param retrying attempts that failed and were scheduled again
 * @param failed deliveries given up (non-retriable answer, schedule used up, or endpoint disabled)
 */
public record DeliveryRun(int enqueued, int attempted, int delivered, int retrying, int failed) {

  /** Nothing to do. */
  public static final DeliveryRun NOTHING = new DeliveryRun(0, 0, 0, 0, 0);

  /**
   * Adds another run's counts.
   *
   * @param other the other run
   * @return the sum
   */
  public DeliveryRun plus(DeliveryRun other) {
    return new DeliveryRun(enqueued + other.enqueued, attempted + other.attempted, delivered + other.delivered,
        retrying + other.retrying, failed + other.failed);
  }
}
