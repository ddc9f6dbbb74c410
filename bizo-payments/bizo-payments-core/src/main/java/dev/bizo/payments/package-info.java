/**
 * Bizo payments: the payment aggregate and its state machine ({@link dev.bizo.payments.Payment},
 * {@link dev.bizo.payments.PaymentTransitions}), gateway selection with safe fallback
 * ({@link dev.bizo.payments.GatewayRouter}), the reconciliation backoff
 * ({@link dev.bizo.payments.ReconciliationSchedule}) and idempotency fingerprints
 * ({@link dev.bizo.payments.RequestFingerprint}). Gateways plug in through {@link dev.bizo.payments.spi}.
 */
package dev.bizo.payments;
