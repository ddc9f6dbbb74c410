package dev.bizo.payments.spi;

/** What a webhook reports, normalized across gateways. */
public enum WebhookEventType {
  /** Funds are held. */
  PAYMENT_AUTHORIZED,
  /** Funds are taken (capture or purchase). */
  PAYMENT_CAPTURED,
  /** The payment was refused or failed; nothing moved. */
  PAYMENT_FAILED,
  /** The authorization was released. */
  PAYMENT_VOIDED,
  /** Money was returned, fully or partly. */
  PAYMENT_REFUNDED,
  /** Anything else the gateway sends; verified but not acted on. */
  OTHER
}
