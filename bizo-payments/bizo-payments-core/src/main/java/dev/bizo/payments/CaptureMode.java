package dev.bizo.payments;

/** How a new payment takes the money. */
public enum CaptureMode {
  /** Authorize and capture in one step: the gateway's {@code purchase}. */
  AUTOMATIC,
  /** Only authorize now; capture or void later through {@link PaymentService}. */
  MANUAL
}
