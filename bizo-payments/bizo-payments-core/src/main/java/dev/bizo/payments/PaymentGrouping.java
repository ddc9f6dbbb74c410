package dev.bizo.payments;

/** How {@link PaymentService#report} splits each currency's payments. */
public enum PaymentGrouping {
  /** By the payment's status, e.g. {@code CAPTURED} or {@code DECLINED}. */
  STATUS,
  /** By the gateway that holds the payment. */
  GATEWAY,
  /** By the calendar day of its creation, in the zone asked for (ISO date, e.g. {@code 2026-12-07}). */
  DAY
}
