package dev.bizo.payments.razorpay;

import dev.bizo.core.Money;

/** Razorpay webhook bodies as Razorpay sends them: compact JSON, entity {@code event}, payload by entity. */
final class RazorpayEvents {

  private RazorpayEvents() {}

  static String paymentCaptured(String paymentId, Money amount, long createdAt) {
    return "{\"entity\":\"event\",\"account_id\":\"acc_TckAccount001\",\"event\":\"payment.captured\","
        + "\"contains\":[\"payment\"],\"payload\":{\"payment\":{\"entity\":{\"id\":\"" + paymentId + "\","
        + "\"entity\":\"payment\",\"amount\":" + amount.minorUnits() + ",\"currency\":\""
        + amount.currency().getCurrencyCode() + "\",\"status\":\"captured\",\"order_id\":\"" + RazorpayStubs.ORDER
        + "\",\"method\":\"card\",\"captured\":true,\"error_code\":null,\"created_at\":" + createdAt + "}}},"
        + "\"created_at\":" + createdAt + "}";
  }

  static String refundProcessed(String refundId, Money amount, long createdAt) {
    return "{\"entity\":\"event\",\"account_id\":\"acc_TckAccount001\",\"event\":\"refund.processed\","
        + "\"contains\":[\"refund\",\"payment\"],\"payload\":{\"refund\":{\"entity\":{\"id\":\"" + refundId + "\","
        + "\"entity\":\"refund\",\"amount\":" + amount.minorUnits() + ",\"currency\":\""
        + amount.currency().getCurrencyCode() + "\",\"payment_id\":\"" + RazorpayStubs.PAYMENT
        + "\",\"status\":\"processed\"}},\"payment\":{\"entity\":{\"id\":\"" + RazorpayStubs.PAYMENT
        + "\",\"entity\":\"payment\",\"amount\":" + (amount.minorUnits() * 2) + ",\"currency\":\""
        + amount.currency().getCurrencyCode() + "\",\"status\":\"captured\"}}},\"created_at\":" + createdAt + "}";
  }
}
