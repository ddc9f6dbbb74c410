package dev.bizo.payments;

/**
 * Where a {@link Payment} stands. The legal moves between these are in {@link PaymentTransitions}.
 */
public enum PaymentStatus {
  /** Created; nothing sent to a gateway yet. */
  NEW,
  /** The gateway accepted the request but waits, usually for the customer (3-D Secure, approval). */
  PENDING,
  /** The first request may have reached the gateway; reconciliation will find out. */
  UNKNOWN,
  /** Funds are held; capture or void next. */
  AUTHORIZED,
  /** Funds are taken, fully or (after a partial capture) partly; nothing refunded yet. */
  CAPTURED,
  /** Part of the captured amount was returned. */
  PARTIALLY_REFUNDED,
  /** The whole captured amount was returned. Final. */
  REFUNDED,
  /** The authorization was released. Final. */
  VOIDED,
  /** The gateway refused. Final. */
  DECLINED,
  /** The request provably never reached a gateway; nothing was charged. Final. */
  FAILED;

  /** Whether no further transition can leave this status. */
  public boolean isFinal() {
    return PaymentTransitions.allowedFrom(this).isEmpty();
  }
}
