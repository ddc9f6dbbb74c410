package dev.bizo.payments;

/** What {@link PaymentService#handleWebhook} did with a verified webhook. */
public enum WebhookOutcome {
  /** The event moved a payment (or one of its transactions) along a legal transition. */
  APPLIED,
  /** The event was the gateway's word on something already known, or could not move the payment; recorded. */
  NO_CHANGE,
  /** The event is about nothing this tenant has, or of a type not acted on; recorded. */
  IGNORED,
  /** The event id was received before; nothing was done. */
  DUPLICATE
}
