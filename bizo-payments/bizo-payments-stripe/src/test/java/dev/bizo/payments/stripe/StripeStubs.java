package dev.bizo.payments.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.bizo.core.Money;
import java.util.Locale;

/**
 * WireMock stubs shaped like Stripe's v1 API (form-encoded requests, PaymentIntent, Refund and error
 * objects as in Stripe's API reference), matched on Stripe's own units so a wrong conversion finds no stub.
 */
final class StripeStubs {

  static final String SECRET_KEY = "sk_test_tck_4eC39HqLyjWDarjtT1zdp7dc";
  static final String INTENT = "pi_3TckIntent000001";
  static final String REFUND = "re_3TckRefund000001";

  private final WireMockServer api;

  StripeStubs(WireMockServer api) {
    this.api = api;
  }

  static String currency(Money money) {
    return money.currency().getCurrencyCode().toLowerCase(Locale.ROOT);
  }

  /** POST /v1/payment_intents confirmed with the given capture method and amount. */
  static MappingBuilder create(Money amount, String captureMethod) {
    return post("/v1/payment_intents")
        .withHeader("Authorization", equalTo("Bearer " + SECRET_KEY))
        .withFormParam("amount", equalTo(Long.toString(amount.minorUnits())))
        .withFormParam("currency", equalTo(currency(amount)))
        .withFormParam("confirm", equalTo("true"))
        .withFormParam("capture_method", equalTo(captureMethod));
  }

  void authorized(Money amount) {
    api.stubFor(create(amount, "manual").willReturn(okJson(intent("requires_capture", amount, 0, amount.minorUnits()))));
  }

  void purchased(Money amount) {
    api.stubFor(create(amount, "automatic").willReturn(okJson(intent("succeeded", amount, amount.minorUnits(), 0))));
  }

  void captured(Money authorized, Money captured) {
    api.stubFor(post("/v1/payment_intents/" + INTENT + "/capture")
        .withFormParam("amount_to_capture", equalTo(Long.toString(captured.minorUnits())))
        .willReturn(okJson(intent("succeeded", authorized, captured.minorUnits(), 0))));
  }

  void canceled(Money amount) {
    api.stubFor(post("/v1/payment_intents/" + INTENT + "/cancel")
        .willReturn(okJson(intent("canceled", amount, 0, 0))));
  }

  void refunded(Money amount) {
    api.stubFor(post("/v1/refunds")
        .withFormParam("payment_intent", equalTo(INTENT))
        .withFormParam("amount", equalTo(Long.toString(amount.minorUnits())))
        .willReturn(okJson(refund("succeeded", amount))));
  }

  void retrieved(String status, Money amount) {
    api.stubFor(get("/v1/payment_intents/" + INTENT)
        .willReturn(okJson(intent(status, amount, 0, amount.minorUnits()))));
  }

  void declined(Money amount, String captureMethod) {
    String declinedIntent = intent("requires_payment_method", amount, 0, 0);
    api.stubFor(create(amount, captureMethod).willReturn(aResponse().withStatus(402)
        .withHeader("Content-Type", "application/json")
        .withHeader("Request-Id", "req_tck_decline")
        .withBody("{\"error\":{\"type\":\"card_error\",\"code\":\"card_declined\",\"decline_code\":\"insufficient_funds\","
            + "\"message\":\"Your card has insufficient funds.\",\"doc_url\":\"https://stripe.com/docs/error-codes/card-declined\","
            + "\"payment_intent\":" + declinedIntent + "}}")));
  }

  void requiresAction(Money amount, String captureMethod, boolean withRedirect) {
    String nextAction = withRedirect
        ? "{\"type\":\"redirect_to_url\",\"redirect_to_url\":{\"url\":\"https://hooks.stripe.com/3d_secure_2/hosted?merchant=acct_1&payment_intent="
            + INTENT + "\",\"return_url\":\"https://shop.example/return\"}}"
        : "{\"type\":\"use_stripe_sdk\",\"use_stripe_sdk\":{\"type\":\"three_d_secure_redirect\"}}";
    String body = intent("requires_action", amount, 0, 0).replace("\"next_action\":null", "\"next_action\":" + nextAction);
    api.stubFor(create(amount, captureMethod).willReturn(okJson(body)));
  }

  static String intent(String status, Money amount, long received, long capturable) {
    return "{\"id\":\"" + INTENT + "\",\"object\":\"payment_intent\",\"amount\":" + amount.minorUnits()
        + ",\"amount_capturable\":" + capturable + ",\"amount_received\":" + received
        + ",\"capture_method\":\"manual\",\"client_secret\":\"" + INTENT + "_secret_tckClientSecret\""
        + ",\"confirmation_method\":\"automatic\",\"created\":1772446530,\"currency\":\"" + currency(amount) + "\""
        + ",\"latest_charge\":\"ch_3TckCharge000001\",\"livemode\":false,\"metadata\":{},\"next_action\":null"
        + ",\"payment_method\":\"pm_1TckCard\",\"payment_method_types\":[\"card\"],\"status\":\"" + status + "\"}";
  }

  static String refund(String status, Money amount) {
    return "{\"id\":\"" + REFUND + "\",\"object\":\"refund\",\"amount\":" + amount.minorUnits()
        + ",\"charge\":\"ch_3TckCharge000001\",\"created\":1772446531,\"currency\":\"" + currency(amount) + "\""
        + ",\"metadata\":{},\"payment_intent\":\"" + INTENT + "\",\"reason\":null,\"status\":\"" + status + "\"}";
  }
}
