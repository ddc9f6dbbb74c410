package dev.bizo.payments.stripe;

import dev.bizo.core.Money;

/** Stripe Event bodies as Stripe sends them (compact JSON, API version and livemode fields included). */
final class StripeEvents {

  private StripeEvents() {}

  static String paymentIntentSucceeded(String eventId, String intentId, Money amount, long created) {
    return "{\"id\":\"" + eventId + "\",\"object\":\"event\",\"api_version\":\"2025-09-30.clover\",\"created\":" + created
        + ",\"data\":{\"object\":{\"id\":\"" + intentId + "\",\"object\":\"payment_intent\",\"amount\":"
        + amount.minorUnits() + ",\"amount_capturable\":0,\"amount_received\":" + amount.minorUnits()
        + ",\"currency\":\"" + StripeStubs.currency(amount) + "\",\"status\":\"succeeded\"}},"
        + "\"livemode\":false,\"pending_webhooks\":1,\"request\":{\"id\":\"req_tck\",\"idempotency_key\":\"tck-key\"},"
        + "\"type\":\"payment_intent.succeeded\"}";
  }

  static String chargeRefunded(String eventId, String intentId, Money refunded, long created) {
    return "{\"id\":\"" + eventId + "\",\"object\":\"event\",\"api_version\":\"2025-09-30.clover\",\"created\":" + created
        + ",\"data\":{\"object\":{\"id\":\"ch_3TckCharge000001\",\"object\":\"charge\",\"amount\":" + (refunded.minorUnits() * 2)
        + ",\"amount_refunded\":" + refunded.minorUnits() + ",\"currency\":\"" + StripeStubs.currency(refunded)
        + "\",\"payment_intent\":\"" + intentId + "\",\"refunded\":false}},"
        + "\"livemode\":false,\"pending_webhooks\":1,\"request\":{\"id\":null,\"idempotency_key\":null},"
        + "\"type\":\"charge.refunded\"}";
  }
}
